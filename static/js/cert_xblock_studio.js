/* Studio editor additions: show save results and refusals inside the editor, wherever it is hosted. */
function CertXBlockStudio(runtime, element, init) {
    "use strict";
    // The block passes this language's djangojs catalogue (msgid -> msgstr); English is the fallback.
    var catalog = (init && init.catalog) || {};
    function gettext(text) { return catalog[text] || text; }
    // Studio adds the CSRF header to jQuery requests itself; other hosts (the SDK workbench) do not.
    if (window.jQuery && !window.certXBlockCsrfPrefilter) {
        window.certXBlockCsrfPrefilter = true;
        window.jQuery.ajaxPrefilter(function (options, original, xhr) {
            var token = (document.cookie.match(/csrftoken=([^;]+)/) || [])[1];
            if (!options.crossDomain && token) { xhr.setRequestHeader("X-CSRFToken", token); }
        });
    }
    var status = element.querySelector(".cert-xblock-studio__status");
    var notify = runtime.notify;
    var preview = element.querySelector(".cert-xblock-studio__preview-frame");
    function refreshPreview() {
        // A new URL makes the browser fetch the sample again, now with the saved settings.
        if (preview) {
            var base = preview.getAttribute("data-base");
            preview.setAttribute("data", base + (base.indexOf("?") < 0 ? "?" : "&") + "at=" + Date.now());
        }
    }
    runtime.notify = function (name, data) {
        if (status) {
            if (name === "error") {
                status.className = "cert-xblock-studio__status is-error";
                status.textContent = (data.title ? data.title + ": " : "") + data.message;
            } else if (name === "save" && data.state === "end") {
                status.className = "cert-xblock-studio__status is-saved";
                status.textContent = gettext("Saved.");
                refreshPreview();
            }
        }
        if (notify) { return notify.apply(runtime, arguments); }
    };
    return StudioEditableXBlockMixin(runtime, element);
}
