/* Studio editor additions, on top of the XBlock mixin's editor (which still saves):
   - each problem the save or the sample reports is shown next to its field and summarised at the top;
   - the signatories are edited as rows (name, title, signature image from Files & Uploads) and written back into
     the signatories field's text ("Name | Title | /static/file.png", one per line), which is what is saved;
   - the logo is picked from the course's images;
   - a sample certificate of the unsaved values is drawn as the author types (the preview handler, POST), in a
     column beside the fields that stays in view while they scroll;
   - only the fields of the chosen kind are shown (lesson sections for a lesson, pathway courses for a pathway);
   - no control empties a saved list behind the author's back: the signatories' "Clear Value" is replaced by the
     rows' own Remove buttons, and the rows' limit is said, not only greyed out. */
function CertXBlockStudio(runtime, element, init) {
    "use strict";
    init = init || {};
    var strings = init.strings || {};
    // The block passes this language's djangojs catalogue (msgid -> msgstr); English is the fallback.
    var catalog = init.catalog || {};
    function gettext(text) { return catalog[text] || text; }
    var images = init.images || [];
    var $ = window.jQuery;
    var saveUrl = runtime.handlerUrl(element, "submit_studio_edits");
    var previewUrl = runtime.handlerUrl(element, "preview");
    var editors = window.certXBlockStudioEditors = window.certXBlockStudioEditors || {};
    var status = element.querySelector(".cert-xblock-studio__status");
    var preview = element.querySelector(".cert-xblock-studio__preview-frame");
    var previewState = element.querySelector(".cert-xblock-studio__preview-state");

    /* The sample beside the fields, sticky, so the author sees it change while typing in any field. */
    function placeSample() {
        var list = element.querySelector(".settings-list");
        if (!list || !preview) { return; }
        var layout = make("div", {"class": "cert-xblock-studio__layout"});
        var aside = make("section", {"class": "cert-xblock-studio__sample",
                                     "aria-labelledby": "cert-xblock-sample-title"});
        var title = element.querySelector(".cert-xblock-studio__preview-title");
        if (title) { title.id = "cert-xblock-sample-title"; aside.appendChild(title); }
        aside.appendChild(previewState);
        aside.appendChild(preview);
        list.parentNode.insertBefore(layout, list);
        layout.appendChild(list);
        layout.appendChild(aside);
    }

    function make(tag, attrs, text) {
        var node = document.createElement(tag);
        Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
        if (text !== undefined) { node.textContent = text; }
        return node;
    }

    function fieldItem(name) { return element.querySelector('li.field[data-field-name="' + name + '"]'); }

    function fieldLabel(name) {
        var label = fieldItem(name) && fieldItem(name).querySelector("label.setting-label");
        return label ? label.textContent.trim() : name;
    }

    // --- problems next to their fields, and a summary at the top --------------------------------------------
    function clearProblems() {
        element.querySelectorAll(".cert-xblock-studio__field-error").forEach(function (node) { node.remove(); });
        element.querySelectorAll(".has-problem").forEach(function (node) { node.classList.remove("has-problem"); });
        element.querySelectorAll("[aria-invalid]").forEach(function (node) {
            node.removeAttribute("aria-invalid");
            node.removeAttribute("aria-describedby");
        });
        var summary = element.querySelector(".cert-xblock-studio__summary");
        if (summary) { summary.remove(); }
    }

    /* After a failed save (``moveFocus``) focus goes to the first field the error names, so the author can type
       the fix at once; the summary (role alert) is still announced as it appears. A summary redrawn while it had
       focus keeps it. */
    function showProblems(problems, moveFocus) {
        var before = element.querySelector(".cert-xblock-studio__summary");
        var keepSummary = before !== null && document.activeElement === before;
        var first = null;
        clearProblems();
        if (!problems.length) { return; }
        var summary = make("div", {"class": "cert-xblock-studio__summary", tabindex: "-1", role: "alert"});
        summary.appendChild(make("p", {}, strings.summary));
        var list = make("ul");
        problems.forEach(function (problem) {
            var item = fieldItem(problem.field);
            var errorId = "cert-xblock-error-" + problem.field;
            var control = item && (item.querySelector(".cert-xblock-studio__control") ||
                                   item.querySelector(".field-data-control"));
            var entry = make("li");
            if (item && control) {
                item.classList.add("has-problem");
                var note = make("p", {"class": "cert-xblock-studio__field-error", id: errorId}, problem.text);
                control.parentNode.insertBefore(note, control.nextSibling);
                control.setAttribute("aria-invalid", "true");
                control.setAttribute("aria-describedby", errorId);
                var link = make("a", {href: "#" + (control.id || errorId)}, fieldLabel(problem.field) + ": " +
                                problem.text);
                link.addEventListener("click", function (event) { event.preventDefault(); control.focus(); });
                first = first || control;
                entry.appendChild(link);
            } else {
                entry.textContent = problem.text;
            }
            list.appendChild(entry);
        });
        summary.appendChild(list);
        var top = element.querySelector(".editor-with-buttons") || element;
        top.insertBefore(summary, top.firstChild);
        if (moveFocus && first) {
            first.focus();
        } else if (moveFocus || keepSummary) {
            summary.focus();
        }
    }

    function textOf(message, field) {
        // The save labels each message with its field ("Label: text"); next to the field the label is shown already.
        var prefix = fieldLabel(field) + ": ";
        return message.indexOf(prefix) === 0 ? message.slice(prefix.length) : message;
    }

    editors[saveUrl] = {
        failed: function (body) {
            var messages = (body && body.error && body.error.messages) || [];
            showProblems(messages.filter(function (m) { return m.field; }).map(function (m) {
                return {field: m.field, text: textOf(m.text, m.field)};
            }), true);
        },
        saved: clearProblems
    };

    // Studio adds the CSRF header to jQuery requests itself; other hosts (the SDK workbench) do not. The same
    // prefilter hands the save's answer to the editor that sent it.
    if ($ && !window.certXBlockCsrfPrefilter) {
        window.certXBlockCsrfPrefilter = true;
        $.ajaxPrefilter(function (options, original, xhr) {
            var token = (document.cookie.match(/csrftoken=([^;]+)/) || [])[1];
            if (!options.crossDomain && token) { xhr.setRequestHeader("X-CSRFToken", token); }
            var editor = window.certXBlockStudioEditors[options.url];
            if (editor) {
                xhr.done(editor.saved).fail(function (jq) {
                    var body = null;
                    try { body = JSON.parse(jq.responseText); } catch (ignored) { body = null; }
                    editor.failed(body);
                });
            }
        });
    }

    // --- pickers over the course's images ----------------------------------------------------------------------
    function imageSelect(value, noneLabel, attrs) {
        var select = make("select", attrs);
        select.appendChild(make("option", {value: ""}, noneLabel));
        var choices = images.slice();
        if (value && choices.indexOf(value) < 0) { choices.unshift(value); }
        choices.forEach(function (path) {
            select.appendChild(make("option", {value: path}, path.replace(/^\/static\//, "")));
        });
        select.value = value || "";
        return select;
    }

    function changed(control) {
        if ($) { $(control).trigger("change"); } else { control.dispatchEvent(new Event("change")); }
    }

    var logoItem = fieldItem("logo");
    if (logoItem) {
        var logoInput = logoItem.querySelector(".field-data-control");
        var picker = imageSelect(logoInput.value, strings.no_logo,
                                 {"class": "cert-xblock-studio__control", id: "cert-xblock-logo-picker"});
        logoInput.hidden = true;
        logoInput.parentNode.insertBefore(picker, logoInput.nextSibling);
        var logoLabel = logoItem.querySelector("label.setting-label");
        if (logoLabel) { logoLabel.setAttribute("for", picker.id); }
        picker.addEventListener("change", function () { logoInput.value = picker.value; changed(logoInput); });
        var logoClear = logoItem.querySelector("button.setting-clear");
        if (logoClear) { logoClear.remove(); }  // the picker's "No logo" says what clearing would do
        var logoHelp = logoItem.querySelector(".setting-help");
        if (logoHelp) { logoHelp.textContent = strings.logo_help; }
    }

    // --- only the fields of the chosen kind ----------------------------------------------------------------------
    var kindControl = fieldItem("kind") && fieldItem("kind").querySelector(".field-data-control");
    function showKindFields() {
        var kind = kindControl ? kindControl.value : "course";
        [["lesson_sections", "lesson"], ["pathway_courses", "pathway"]].forEach(function (pair) {
            var item = fieldItem(pair[0]);
            if (item) { item.hidden = kind !== pair[1]; }
        });
    }
    if (kindControl) {
        kindControl.addEventListener("change", showKindFields);
        showKindFields();
    }

    // --- the signatories as rows ---------------------------------------------------------------------------------
    var signatoriesItem = fieldItem("signatories");
    if (signatoriesItem) {
        var text = signatoriesItem.querySelector(".field-data-control");
        var box = make("fieldset", {"class": "cert-xblock-studio__signatories cert-xblock-studio__control",
                                    id: "cert-xblock-signatories", tabindex: "-1"});
        box.appendChild(make("legend", {}, strings.signatories));
        var rows = make("div", {"class": "cert-xblock-studio__signatory-rows"});
        var add = make("button", {type: "button", "class": "cert-xblock-studio__add-signatory"}, strings.add_signatory);
        box.appendChild(rows);
        box.appendChild(add);
        var limit = make("p", {"class": "cert-xblock-studio__limit", id: "cert-xblock-signatories-limit"},
                         strings.signatories_limit);
        box.appendChild(limit);
        add.setAttribute("aria-describedby", limit.id);
        text.hidden = true;
        var label = signatoriesItem.querySelector("label.setting-label");
        if (label) { label.hidden = true; }
        text.parentNode.insertBefore(box, text.nextSibling);
        // "Clear Value" would empty the saved text while the rows stayed on screen: each row has Remove instead.
        var clear = signatoriesItem.querySelector("button.setting-clear");
        if (clear) { clear.remove(); }
        var help = signatoriesItem.querySelector(".setting-help");
        if (help) { help.textContent = strings.signatories_help; }

        var writeBack = function () {
            text.value = Array.prototype.map.call(rows.children, function (row) {
                var parts = [row.querySelector(".cert-xblock-studio__signatory-name").value.trim(),
                             row.querySelector(".cert-xblock-studio__signatory-title").value.trim(),
                             row.querySelector(".cert-xblock-studio__signatory-image").value];
                while (parts.length > 1 && !parts[parts.length - 1]) { parts.pop(); }
                return parts.join(" | ");
            }).join("\n");
            add.disabled = rows.children.length >= 4;
            changed(text);
        };

        var addRow = function (name, title, signature) {
            var row = make("div", {"class": "cert-xblock-studio__signatory"});
            var field = function (labelText, control) {
                var wrapper = make("label", {}, labelText);
                wrapper.appendChild(control);
                row.appendChild(wrapper);
                return control;
            };
            field(strings.signatory_name, make("input", {"class": "cert-xblock-studio__signatory-name", type: "text"}))
                .value = name || "";
            field(strings.signatory_title, make("input", {"class": "cert-xblock-studio__signatory-title",
                                                          type: "text"})).value = title || "";
            field(strings.signature, imageSelect(signature, strings.no_image,
                                                 {"class": "cert-xblock-studio__signatory-image"}));
            var remove = make("button", {type: "button", "class": "cert-xblock-studio__remove-signatory"},
                              strings.remove_signatory);
            remove.addEventListener("click", function () {
                row.remove();
                writeBack();
                add.focus();
            });
            row.appendChild(remove);
            row.addEventListener("input", writeBack);
            row.addEventListener("change", writeBack);
            rows.appendChild(row);
            return row;
        };

        text.value.split("\n").forEach(function (line) {
            if (!line.trim()) { return; }
            var parts = line.split("|").map(function (part) { return part.trim(); });
            addRow(parts[0], parts[1], parts[2]);
        });
        add.disabled = rows.children.length >= 4;
        add.addEventListener("click", function () {
            var row = addRow("", "", "");
            writeBack();
            row.querySelector("input").focus();
        });
    }

    // --- the sample of the unsaved values ------------------------------------------------------------------------
    function currentValues() {
        var values = {};
        element.querySelectorAll("li.field[data-field-name]").forEach(function (item) {
            var control = item.querySelector(".field-data-control");
            if (!control) { return; }
            var cast = item.getAttribute("data-cast");
            var value = control.value;
            if (cast === "boolean") { value = value === "true" || value === "1"; }
            else if (cast === "integer") { value = value.trim() === "" ? null : Number(value); }
            else if (cast === "float") { value = value.trim() === "" ? null : Number(value); }
            values[item.getAttribute("data-field-name")] = value;
        });
        return values;
    }

    placeSample();
    var shown = null;
    var timer = null;
    var sequence = 0;
    function drawSample() {
        var mine = ++sequence;
        previewState.textContent = strings.preview_working;
        var token = (document.cookie.match(/csrftoken=([^;]+)/) || [])[1] || "";
        fetch(previewUrl, {
            method: "POST", credentials: "same-origin",
            headers: {"Content-Type": "application/json", "X-CSRFToken": token, "X-Requested-With": "XMLHttpRequest"},
            body: JSON.stringify({values: currentValues()})
        }).then(function (response) {
            if (mine !== sequence) { return null; }
            if (response.ok) {
                return response.blob().then(function (blob) {
                    if (shown) { URL.revokeObjectURL(shown); }
                    shown = URL.createObjectURL(blob);
                    preview.setAttribute("data", shown);
                    clearProblems();
                    previewState.textContent = strings.preview_ready;
                });
            }
            return response.json().then(function (body) {
                var fields = body.fields || {};
                showProblems(Object.keys(fields).map(function (name) {
                    return {field: name, text: fields[name]};
                }), false);
                previewState.textContent = strings.preview_failed;
            });
        }).catch(function () { previewState.textContent = strings.preview_failed; });
    }
    element.addEventListener("input", schedule);
    element.addEventListener("change", schedule);
    function schedule(event) {
        if (event.target.closest && event.target.closest(".cert-xblock-studio")) { return; }
        clearTimeout(timer);
        timer = setTimeout(drawSample, 400);
    }

    // --- the save's outcome in the editor ------------------------------------------------------------------------
    var notify = runtime.notify;
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
                // The saved settings are drawn now; a sample of edits from before the save is not wanted.
                clearTimeout(timer);
                sequence += 1;
                status.className = "cert-xblock-studio__status is-saved";
                status.textContent = gettext("Saved.");
                refreshPreview();
            }
        }
        if (notify) { return notify.apply(runtime, arguments); }
    };
    return StudioEditableXBlockMixin(runtime, element);
}
