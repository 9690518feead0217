/* The learner's side of the Certificate block: one button, one POST, the links at once. */
function CertXBlock(runtime, element, init) {
    "use strict";
    var root = element.querySelector(".cert-xblock");
    var strings = init.strings;
    var message = root.querySelector(".cert-xblock__message");
    var actions = root.querySelector(".cert-xblock__actions");
    var box = root.querySelector(".cert-xblock__certificate");

    function show(payload) {
        root.setAttribute("data-status", payload.status || "error");
        message.textContent = payload.message || payload.error || strings.error;
        var cert = payload.certificate;
        if (cert) {
            actions.innerHTML = "";
            box.querySelector(".cert-xblock__download").href = cert.download_url;
            box.querySelector(".cert-xblock__verify").href = cert.verify_url;
            var issued = box.querySelector(".cert-xblock__issued");
            issued.setAttribute("datetime", cert.issued_at);
            issued.textContent = cert.issued_at.slice(0, 10);
            box.querySelector(".cert-xblock__code").textContent = cert.short_code;
            box.hidden = false;
        }
    }

    function getCertificate(button) {
        button.disabled = true;
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
            show(payload);
            if (!payload.certificate) { button.disabled = false; }
        }).catch(function () {
            message.textContent = strings.error;
            button.disabled = false;
        });
    }

    var button = root.querySelector(".cert-xblock__get");
    if (button) {
        button.addEventListener("click", function () { getCertificate(button); });
    }
}
