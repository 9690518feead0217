/* The course team's side of the Certificate block: counts, issue now, allowlist, the learner list and its actions.
   Every request goes to the block's staff/<operation> handler; every learner-supplied text is set as text.
   Every action shows it is working (its button disabled, aria-busy), says what happened next to it in a live
   region, clears its form, and refreshes the counts and the list in place; what cannot be undone in one click
   asks first, in a dialog naming the learner or the count, with a reason box of its own (never carried over). */
function CertXBlockStaff(runtime, element, init) {
    "use strict";
    var strings = init.strings;
    var root = element.querySelector(".cert-xblock-staff");
    var message = root.querySelector(".cert-xblock-staff__message");
    var allowMessage = root.querySelector(".cert-xblock-staff__allowlist-message");
    var filters = root.querySelector(".cert-xblock-staff__filters");
    var dialog = root.querySelector(".cert-xblock-staff__confirm");
    var COLUMNS = 9;
    var state = {page: 1, pages: 1, timer: null, counts: {}, auditPage: 1, auditPages: 1};

    CertXBlock(runtime, element, {strings: init.learner_strings});

    function url(operation, query) {
        var base = runtime.handlerUrl(element, "staff", operation);
        var params = new URLSearchParams(query || {}).toString();
        return params ? base + (base.indexOf("?") < 0 ? "?" : "&") + params : base;
    }

    function call(operation, options) {
        options = options || {};
        var request = {method: options.body === undefined ? "GET" : "POST", credentials: "same-origin"};
        if (options.body !== undefined) {
            request.headers = {"Content-Type": options.type || "application/json", "X-Requested-With": "XMLHttpRequest",
                               "X-CSRFToken": (document.cookie.match(/csrftoken=([^;]+)/) || [])[1] || ""};
            request.body = options.type ? options.body : JSON.stringify(options.body);
        }
        return fetch(url(operation, options.query), request).then(function (response) {
            return response.json().catch(function () { return {error: response.statusText}; }).then(function (data) {
                if (!response.ok) { throw data; }
                return data;
            });
        });
    }

    function format(template, values) {
        return template.replace(/\{(\w+)\}/g, function (all, key) { return values[key] == null ? all : values[key]; });
    }

    /* A message in a live region: success or error, replacing whatever was there (an old error never lingers). */
    function say(where, text, kind) {
        where.textContent = text || "";
        where.setAttribute("data-kind", kind || "");
    }
    function errorText(data) { return (data && data.error) || String(data); }

    /* Run ``work`` with ``control`` disabled and the dashboard marked busy; the control comes back either way. */
    function busy(control, work) {
        control.disabled = true;
        root.setAttribute("aria-busy", "true");
        return Promise.resolve().then(work).finally(function () {
            control.disabled = false;
            root.removeAttribute("aria-busy");
        });
    }

    function when(iso) {
        if (!iso) { return ""; }
        return new Date(iso).toLocaleString(root.getAttribute("lang") || undefined,
                                            {year: "numeric", month: "short", day: "numeric", hour: "2-digit",
                                             minute: "2-digit", timeZoneName: "short"});
    }

    function cell(row, text) {
        var td = document.createElement("td");
        if (text instanceof Node) { td.appendChild(text); } else { td.textContent = text == null ? "" : text; }
        row.appendChild(td);
        return td;
    }

    function button(label, handler, name) {
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = label;
        if (name) { b.setAttribute("aria-label", name); }
        b.addEventListener("click", function () { handler(b); });
        return b;
    }

    /* Ask before doing: resolves with the reason typed (required when ``required``), or null when cancelled. */
    function confirmAction(options) {
        var field = dialog.querySelector("textarea");
        var error = dialog.querySelector(".cert-xblock-staff__confirm-error");
        dialog.querySelector(".cert-xblock-staff__confirm-title").textContent = options.title;
        dialog.querySelector(".cert-xblock-staff__confirm-text").textContent = options.text;
        dialog.querySelector(".cert-xblock-staff__confirm-label").textContent =
            options.required ? strings.reason_required : strings.reason_optional;
        dialog.querySelector(".cert-xblock-staff__confirm-yes").textContent = options.confirm;
        field.value = options.value || "";
        field.required = !!options.required;
        field.removeAttribute("aria-invalid");
        error.textContent = "";
        return new Promise(function (resolve) {
            function submitted(event) {
                var confirmed = event.submitter && event.submitter.value === "confirm";
                if (confirmed && options.required && !field.value.trim()) {
                    event.preventDefault();
                    error.textContent = strings.reason_missing;
                    field.setAttribute("aria-invalid", "true");
                    field.focus();
                    return;
                }
                event.preventDefault();
                dialog.querySelector("form").removeEventListener("submit", submitted);
                dialog.removeEventListener("cancel", cancelled);
                dialog.close();
                var reason = field.value;
                field.value = "";
                resolve(confirmed ? reason : null);
            }
            function cancelled() {
                dialog.querySelector("form").removeEventListener("submit", submitted);
                dialog.removeEventListener("cancel", cancelled);
                field.value = "";
                resolve(null);
            }
            dialog.querySelector("form").addEventListener("submit", submitted);
            dialog.addEventListener("cancel", cancelled);
            dialog.showModal();
            field.focus();
        });
    }

    function showCounts(counts) {
        state.counts = counts;
        var list = root.querySelector(".cert-xblock-staff__counts");
        list.innerHTML = "";
        ["eligible", "issued", "not_yet_eligible", "allowlisted", "revoked", "failed"].forEach(function (key) {
            var item = document.createElement("li");
            item.setAttribute("data-count", key);
            var figure = document.createElement("strong");
            figure.className = "cert-xblock-staff__count";
            figure.textContent = counts[key];
            item.appendChild(figure);
            item.appendChild(document.createTextNode(" " + strings[key]));
            list.appendChild(item);
        });
    }

    var issueNow = root.querySelector(".cert-xblock-staff__issue-now");

    /* The batch run's state and its five figures, each on its own; polled while it works, then the dashboard.
       The run records count chunks as they finish, not as a worker takes them, so the learners of a run underway
       not yet counted are labelled "running or waiting" (some are being issued, some wait for a worker). */
    function showRun(run, fresh) {
        var line = root.querySelector(".cert-xblock-staff__progress");
        if (!run) { line.textContent = ""; return; }
        var working = run.state === "queued" || run.state === "running";
        line.setAttribute("data-state", run.state);
        line.textContent = strings.progress + ": " + (strings[run.state] || run.state) + " · " +
            ["queued", "running_figure", "issued_now", "skipped", "run_failed"].map(function (key) {
                var field = {running_figure: "running", issued_now: "issued", run_failed: "failed"}[key] || key;
                return strings[key] + " " + (run[field] || 0);
            }).join(" · ");
        issueNow.disabled = working;
        issueNow.setAttribute("aria-busy", working ? "true" : "false");
        clearTimeout(state.timer);
        if (working) {
            state.timer = setTimeout(function () {
                call("progress", {query: {request_id: run.request_id}}).then(function (data) {
                    showRun(data.run, true);
                }).catch(function (data) { say(line, errorText(data), "error"); issueNow.disabled = false; });
            }, 1000);
        } else if (fresh) {
            refresh();
        }
    }

    function refresh() {
        return Promise.all([
            call("summary").then(function (data) { showCounts(data.counts); showRun(data.run, false); }),
            loadLearners()
        ]).catch(function (data) { say(message, errorText(data), "error"); });
    }

    /* One learner-row action: busy, then the answer next to the list, the dashboard refreshed, the row marked. */
    function act(control, operation, body, done, where, succeeded) {
        where = where || message;
        return busy(control, function () {
            return call(operation, {body: body}).then(function (data) {
                // Adding someone already listed changes only the note, or nothing: say which.
                var name = {name: body.user};
                say(where, data.outcome === "updated" ? format(strings.done_note, name) : data.outcome === "unchanged"
                    ? format(strings.done_unchanged, name) : done, "success");
                if (succeeded) { succeeded(); }
                return refresh().then(function () { mark(body.user); return data; });
            }).catch(function (data) { say(where, errorText(data), "error"); });
        });
    }

    function mark(username) {
        if (!username) { return; }
        var row = root.querySelector(".cert-xblock-staff__learners tr[data-username='" + CSS.escape(username) + "']");
        if (row) { row.setAttribute("data-changed", "true"); }
    }

    function figureText(learner) {
        if (learner.grade === null || learner.grade === undefined) { return strings.no_grade; }
        var text = learner.grade + "%";
        return learner.figure === "completion" ? format(strings.completion_figure, {figure: text}) : text;
    }

    function learnerRow(learner) {
        var row = document.createElement("tr");
        row.setAttribute("data-username", learner.username);
        var cert = learner.certificate;
        var who = learner.name || learner.username;
        cell(row, learner.name);
        cell(row, learner.username);
        cell(row, strings["mode_" + learner.mode] || learner.mode);
        cell(row, figureText(learner)).className = "cert-xblock-staff__figure";
        var status = cell(row, "");
        status.className = "cert-xblock-staff__status";
        var word = document.createElement("strong");
        word.textContent = (strings[learner.status] || learner.status) +
            (learner.allowlisted ? " · " + strings.allowlisted : "");
        status.appendChild(word);
        if (learner.reason) {
            var why = document.createElement("span");
            why.className = "cert-xblock-staff__reason";
            why.textContent = learner.reason;
            status.appendChild(document.createElement("br"));
            status.appendChild(why);
        }
        cell(row, cert ? cert.issued_at.slice(0, 10) : "");
        var link = document.createElement("a");
        if (cert) { link.href = cert.verify_url; link.textContent = cert.short_code; link.target = "_blank"; }
        cell(row, link);
        cell(row, cert ? cert.email : "");
        var actions = cell(row, "");
        actions.className = "cert-xblock-staff__row-actions";
        function named(label) { return label + ": " + who; }
        if (cert && cert.status === "issued") {
            actions.appendChild(button(strings.revoke, function (b) {
                confirmAction({title: format(strings.confirm_revoke, {name: who}), text: strings.confirm_revoke_text,
                               confirm: strings.revoke, required: true}).then(function (reason) {
                    if (reason !== null) {
                        act(b, "revoke", {certificate: cert.id, user: learner.username, reason: reason},
                            format(strings.done_revoke, {name: who}));
                    }
                });
            }, named(strings.revoke)));
            actions.appendChild(button(strings.regenerate, function (b) {
                confirmAction({title: format(strings.confirm_regenerate, {name: who}),
                               text: strings.confirm_regenerate_text, confirm: strings.regenerate, required: true})
                    .then(function (reason) {
                        if (reason !== null) {
                            act(b, "regenerate", {certificate: cert.id, user: learner.username, reason: reason},
                                format(strings.done_regenerate, {name: who}));
                        }
                    });
            }, named(strings.regenerate)));
        } else if (cert) {
            actions.appendChild(button(strings.restore, function (b) {
                confirmAction({title: format(strings.confirm_restore, {name: who}), text: strings.confirm_restore_text,
                               confirm: strings.restore, required: true}).then(function (reason) {
                    if (reason !== null) {
                        act(b, "restore", {certificate: cert.id, user: learner.username, reason: reason},
                            format(strings.done_restore, {name: who}));
                    }
                });
            }, named(strings.restore)));
        } else if (learner.status === "eligible") {
            actions.appendChild(button(strings.issue_one, function (b) {
                act(b, "issue", {user: learner.username}, format(strings.done_issue, {name: who}));
            }, named(strings.issue_one)));
        }
        if (learner.allowlisted) {
            actions.appendChild(button(strings.remove, function (b) {
                confirmRemove(b, learner.username, who, message);
            }, named(strings.remove)));
        } else if (!cert && learner.mode) {
            actions.appendChild(button(strings.add, function (b) {
                act(b, "allowlist_add", {user: learner.username}, format(strings.done_add, {name: who}));
            }, named(strings.add)));
        }
        if (cert) {
            actions.appendChild(button(strings.history, function (b) {
                learnerHistory(row, cert.id, who, b);
            }, named(strings.history)));
        }
        return row;
    }

    function confirmRemove(control, username, who, where, note, succeeded) {
        return confirmAction({title: format(strings.confirm_remove, {name: who}), text: strings.confirm_remove_text,
                              confirm: strings.remove, required: false, value: note}).then(function (reason) {
            if (reason === null) { return false; }
            return act(control, "allowlist_remove", {user: username, note: reason},
                       format(strings.done_remove, {name: who}), where, succeeded);
        });
    }

    function loadLearners() {
        var search = filters.elements.search.value;
        var query = {search: search, status: filters.elements.status.value, page: state.page};
        var mine = state.listed = (state.listed || 0) + 1;
        return call("learners", {query: query}).then(function (data) {
            if (mine !== state.listed) { return; }  // a later search answered or will: show only the latest
            var body = root.querySelector(".cert-xblock-staff__learners tbody");
            body.innerHTML = "";
            data.results.forEach(function (learner) { body.appendChild(learnerRow(learner)); });
            if (!data.results.length) {
                var empty = document.createElement("tr");
                empty.className = "cert-xblock-staff__empty";
                cell(empty, search.trim() ? format(strings.empty_search, {search: search.trim()})
                    : strings.empty_list).colSpan = COLUMNS;
                body.appendChild(empty);
            }
            body.setAttribute("data-search", search);  // what the rows shown answer
            state.page = data.page;
            state.pages = data.pages;
            root.querySelector(".cert-xblock-staff__page").textContent =
                format(strings.page_of, {page: data.page, pages: data.pages, count: data.count});
            root.querySelector(".cert-xblock-staff__prev").disabled = data.page <= 1;
            root.querySelector(".cert-xblock-staff__next").disabled = data.page >= data.pages;
        });
    }

    function actionRow(a) {
        var row = document.createElement("tr");
        var learner = a.learners > 1 ? format(strings.learners_count, {count: a.learners}) : a.learner;
        [when(a.at), a.by, strings["kind_" + a.kind] || a.kind, learner, a.reason, a.request_id].forEach(
            function (text) { cell(row, text); });
        return row;
    }

    /* A certificate's versions and actions, opened in a row right under the learner's, titled with their name. */
    function learnerHistory(row, id, who, control) {
        var open = row.nextElementSibling;
        if (open && open.classList.contains("cert-xblock-staff__history-row")) { open.remove(); }
        return busy(control, function () {
            return call("history", {query: {certificate: id}}).then(function (data) {
                var box = root.querySelector(".cert-xblock-staff__learner-history").content.firstElementChild
                    .cloneNode(true);
                box.querySelector(".cert-xblock-staff__history-title").textContent =
                    format(strings.history_of, {name: who});
                var versions = box.querySelector(".cert-xblock-staff__versions tbody");
                (data.versions || []).forEach(function (v) {
                    var line = document.createElement("tr");
                    [v.version, v.name, when(v.printed_at), v.by, v.reason].forEach(function (t) { cell(line, t); });
                    versions.appendChild(line);
                });
                var log = box.querySelector(".cert-xblock-staff__actions-log tbody");
                data.actions.forEach(function (a) { log.appendChild(actionRow(a)); });
                var holder = document.createElement("tr");
                holder.className = "cert-xblock-staff__history-row";
                var td = cell(holder, box);
                td.colSpan = COLUMNS;
                box.querySelector(".cert-xblock-staff__close").addEventListener("click", function () {
                    holder.remove();
                    control.focus();
                });
                row.parentNode.insertBefore(holder, row.nextSibling);
                box.focus();
            }).catch(function (data) { say(message, errorText(data), "error"); });
        });
    }

    /* The block's latest actions, one line per request, a page at a time. */
    var blockHistory = root.querySelector(".cert-xblock-staff__block-history");
    function audit(page) {
        return call("history", {query: {page: page}}).then(function (data) {
            var log = blockHistory.querySelector(".cert-xblock-staff__actions-log tbody");
            log.innerHTML = "";
            data.actions.forEach(function (a) { log.appendChild(actionRow(a)); });
            if (!data.actions.length) {
                var empty = document.createElement("tr");
                cell(empty, strings.empty_history).colSpan = 6;
                log.appendChild(empty);
            }
            state.auditPage = data.page;
            state.auditPages = data.pages;
            blockHistory.querySelector(".cert-xblock-staff__audit-page").textContent =
                format(strings.page_of, {page: data.page, pages: data.pages, count: data.count});
            blockHistory.querySelector(".cert-xblock-staff__audit-prev").disabled = data.page <= 1;
            blockHistory.querySelector(".cert-xblock-staff__audit-next").disabled = data.page >= data.pages;
            blockHistory.hidden = false;
        }).catch(function (data) { say(message, errorText(data), "error"); });
    }

    function showCsvReport(data, name) {
        var table = root.querySelector(".cert-xblock-staff__csv-report");
        var body = table.querySelector("tbody");
        var totals = {added: 0, updated: 0, unchanged: 0, skipped: 0, error: 0};
        body.innerHTML = "";
        data.rows.forEach(function (r) {
            var row = document.createElement("tr");
            row.setAttribute("data-outcome", r.outcome);
            totals[r.outcome] = (totals[r.outcome] || 0) + 1;
            [r.line, r.identifier, strings["outcome_" + r.outcome] || r.outcome,
             r.message || strings["outcome_" + r.outcome + "_text"] || ""].forEach(function (t) { cell(row, t); });
            body.appendChild(row);
        });
        var summary = format(strings.csv_totals, totals);
        table.querySelector("caption").textContent = format(strings.csv_report, {file: name}) + " — " + summary;
        table.hidden = false;
        return summary;
    }

    var select = filters.elements.status;
    init.statuses.forEach(function (status) {
        var option = document.createElement("option");
        option.value = status;
        option.textContent = strings[status] || status;
        select.appendChild(option);
    });
    var allow = root.querySelector(".cert-xblock-staff__allowlist").elements;
    function clearAllowlist() { allow.user.value = ""; allow.note.value = ""; }
    root.querySelector(".cert-xblock-staff__allow-add").addEventListener("click", function (event) {
        var who = allow.user.value.trim();
        act(event.currentTarget, "allowlist_add", {user: who, note: allow.note.value},
            format(strings.done_add, {name: who}), allowMessage, clearAllowlist);
    });
    root.querySelector(".cert-xblock-staff__allow-remove").addEventListener("click", function (event) {
        var who = allow.user.value.trim();
        if (!who) { say(allowMessage, strings.name_learner, "error"); allow.user.focus(); return; }
        confirmRemove(event.currentTarget, who, who, allowMessage, allow.note.value, clearAllowlist);
    });
    var importButton = root.querySelector(".cert-xblock-staff__csv-import");
    allow.csv.addEventListener("change", function () { importButton.disabled = !allow.csv.files.length; });
    importButton.addEventListener("click", function () {
        var file = allow.csv.files[0];
        if (!file) { return; }
        file.arrayBuffer().then(function (bytes) {
            var lines = new TextDecoder().decode(bytes).split(/\r\n|\n|\r/).filter(function (l) {
                return l.replace(/[,;\s]/g, "");
            }).length;
            return confirmAction({title: format(strings.confirm_csv, {count: lines, file: file.name}),
                                  text: strings.confirm_csv_text, confirm: strings.csv_import, required: false,
                                  value: allow.note.value}).then(function (note) {
                if (note === null) { return; }
                return busy(importButton, function () {
                    return call("allowlist_csv", {body: bytes, type: "text/csv", query: {note: note}}).then(
                        function (data) {
                            say(allowMessage, showCsvReport(data, file.name), data.errors ? "error" : "success");
                            allow.csv.value = "";
                            allow.note.value = "";
                            return refresh();
                        }).catch(function (data) { say(allowMessage, errorText(data), "error"); });
                }).finally(function () { importButton.disabled = !allow.csv.files.length; });
            });
        });
    });
    issueNow.addEventListener("click", function () {
        var progress = root.querySelector(".cert-xblock-staff__progress");
        issueNow.disabled = true;
        call("issue_now", {body: {}}).then(function (data) { showRun(data.run, true); }).catch(function (data) {
            issueNow.disabled = false;
            say(progress, errorText(data), "error");
        });
    });
    /* A hundred certificates a request, each answer naming where the next one starts, until none is left. */
    function regenerateAll(reason, after, done) {
        return call("regenerate_all", {body: {reason: reason, after: after}}).then(function (data) {
            done += data.regenerated + data.failed;
            say(message, strings.regenerated + ": " + done +
                (data.remaining ? " · " + strings.queued + " " + data.remaining : ""), "success");
            return data.next === null ? refresh() : regenerateAll(reason, data.next, done);
        });
    }
    root.querySelector(".cert-xblock-staff__regenerate-all").addEventListener("click", function (event) {
        var control = event.currentTarget;
        confirmAction({title: format(strings.confirm_regenerate_all, {count: state.counts.issued || 0}),
                       text: strings.confirm_regenerate_text, confirm: strings.regenerate_all, required: true})
            .then(function (reason) {
                if (reason === null) { return; }
                busy(control, function () {
                    return regenerateAll(reason, 0, 0).catch(function (data) {
                        say(message, errorText(data), "error");
                    });
                });
            });
    });
    filters.elements.search.addEventListener("input", function () {
        state.page = 1;
        loadLearners().catch(function (data) { say(message, errorText(data), "error"); });
    });
    select.addEventListener("change", function () {
        state.page = 1;
        loadLearners().catch(function (data) { say(message, errorText(data), "error"); });
    });
    filters.addEventListener("submit", function (event) { event.preventDefault(); });
    root.querySelector(".cert-xblock-staff__prev").addEventListener("click", function () {
        if (state.page > 1) { state.page -= 1; loadLearners(); }
    });
    root.querySelector(".cert-xblock-staff__next").addEventListener("click", function () {
        if (state.page < state.pages) { state.page += 1; loadLearners(); }
    });
    root.querySelector(".cert-xblock-staff__audit").addEventListener("click", function () { audit(1); });
    blockHistory.querySelector(".cert-xblock-staff__audit-prev").addEventListener("click", function () {
        if (state.auditPage > 1) { audit(state.auditPage - 1); }
    });
    blockHistory.querySelector(".cert-xblock-staff__audit-next").addEventListener("click", function () {
        if (state.auditPage < state.auditPages) { audit(state.auditPage + 1); }
    });
    blockHistory.querySelector(".cert-xblock-staff__close").addEventListener("click", function () {
        blockHistory.hidden = true;
        root.querySelector(".cert-xblock-staff__audit").focus();
    });
    root.querySelector(".cert-xblock-staff__show-learner").addEventListener("change", function (event) {
        element.querySelector(".cert-xblock-staff__learner-view").hidden = !event.target.checked;
    });
    refresh();
}
