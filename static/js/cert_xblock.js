/* The learner's side of the Certificate block: one button, one POST; the server renders what follows. */
function CertXBlock(runtime, element, init) {
    "use strict";
    // The message is a live region that stays in place, so the result is announced; focus moves to the download
    // link (or back to the button when it failed), where a keyboard user continues.
    var root = element.querySelector(".cert-xblock");
    var strings = init.strings;
    var message = root.querySelector(".cert-xblock__message");
    var body = root.querySelector(".cert-xblock__body");

    function show(payload) {
        root.setAttribute("data-status", payload.status || "error");
        message.textContent = payload.message || payload.error || strings.error;
        if (payload.html) {
            body.innerHTML = payload.html;
            bind();
        }
        var next = body.querySelector(".cert-xblock__download") || body.querySelector(".cert-xblock__get");
        if (next) { next.focus(); }
    }

    function getCertificate(button) {
        button.disabled = true;
        button.setAttribute("aria-busy", "true");
        message.textContent = strings.working;
        fetch(runtime.handlerUrl(element, "grade_me"), {
            method: "POST",
            credentials: "same-origin",
            headers: {"Content-Type": "application/json", "X-Requested-With": "XMLHttpRequest",
                      "X-CSRFToken": (document.cookie.match(/csrftoken=([^;]+)/) || [])[1] || ""},
            body: "{}"
        }).then(function (response) {
            return response.json().catch(function () { return {error: strings.error}; });
        }).then(function (payload) {
            button.disabled = false;
            button.removeAttribute("aria-busy");
            show(payload);
        }).catch(function () {
            message.textContent = strings.error;
            button.disabled = false;
            button.removeAttribute("aria-busy");
            button.focus();
        });
    }

    function bind() {
        var button = body.querySelector(".cert-xblock__get");
        if (button) {
            button.addEventListener("click", function () { getCertificate(button); });
        }
    }
    bind();
}
