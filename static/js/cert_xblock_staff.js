/* The course team's side of the Certificate block: counts, issue now, allowlist, the learner list and its actions.
   Every request goes to the block's staff/<operation> handler; every learner-supplied text is set as text. */
function CertXBlockStaff(runtime, element, init) {
    "use strict";
    var strings = init.strings;
    var root = element.querySelector(".cert-xblock-staff");
    var message = root.querySelector(".cert-xblock-staff__message");
    var filters = root.querySelector(".cert-xblock-staff__filters");
    var state = {page: 1, pages: 1, timer: null};

    CertXBlock(runtime, element, {strings: init.learner_strings});

    function url(operation, query) {
        var base = runtime.handlerUrl(element, "staff", operation);
        var params = new URLSearchParams(query || {}).toString();
        return params ? base + (base.indexOf("?") < 0 ? "?" : "&") + params : base;
    }

    function call(operation, options) {
        options = options || {};
        var init = {method: options.body === undefined ? "GET" : "POST", credentials: "same-origin"};
        if (options.body !== undefined) {
            init.headers = {"Content-Type": options.type || "application/json", "X-Requested-With": "XMLHttpRequest",
                            "X-CSRFToken": (document.cookie.match(/csrftoken=([^;]+)/) || [])[1] || ""};
            init.body = options.type ? options.body : JSON.stringify(options.body);
        }
        return fetch(url(operation, options.query), init).then(function (response) {
            return response.json().catch(function () { return {error: response.statusText}; }).then(function (data) {
                if (!response.ok) { throw data; }
                return data;
            });
        });
    }

    function say(text) { message.textContent = text || ""; }
    function failed(data) { say((data && data.error) || String(data)); }

    function cell(row, text) {
        var td = document.createElement("td");
        if (text instanceof Node) { td.appendChild(text); } else { td.textContent = text == null ? "" : text; }
        row.appendChild(td);
        return td;
    }

    function button(label, handler) {
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = label;
        b.addEventListener("click", handler);
        return b;
    }

    function showCounts(counts) {
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

    function showRun(run) {
        var line = root.querySelector(".cert-xblock-staff__progress");
        if (!run) { line.textContent = ""; return; }
        line.setAttribute("data-state", run.state);
        line.textContent = strings.progress + ": " + (strings[run.state] || run.state) + " · " + strings.queued +
            " " + run.queued + " · " + strings.done + " " + (run.issued + run.skipped) + " · " + strings.run_failed +
            " " + run.failed;
        if (run.state === "queued" || run.state === "running") {
            clearTimeout(state.timer);
            state.timer = setTimeout(function () {
                call("progress", {query: {request_id: run.request_id}}).then(function (data) {
                    showRun(data.run);
                    if (data.run.state === "done" || data.run.state === "skipped") { refresh(); }
                }).catch(failed);
            }, 1000);
        }
    }

    function refresh() {
        return Promise.all([
            call("summary").then(function (data) { showCounts(data.counts); showRun(data.run); }),
            loadLearners()
        ]).catch(failed);
    }

    function reason() { return filters.elements.reason.value; }

    function act(operation, body) {
        return call(operation, {body: body}).then(function () { say(""); return refresh(); }).catch(failed);
    }

    function learnerRow(learner) {
        var row = document.createElement("tr");
        row.setAttribute("data-username", learner.username);
        var cert = learner.certificate;
        cell(row, learner.name);
        cell(row, learner.username);
        cell(row, learner.grade + "%");
        var status = cell(row, (strings[learner.status] || learner.status) +
                          (learner.allowlisted ? " · " + strings.allowlisted : ""));
        status.className = "cert-xblock-staff__status";
        status.title = learner.message || (cert && cert.revoke_reason) || learner.allowlist_note || "";
        cell(row, cert ? cert.issued_at.slice(0, 10) : "");
        var link = document.createElement("a");
        if (cert) { link.href = cert.verify_url; link.textContent = cert.short_code; link.target = "_blank"; }
        cell(row, link);
        cell(row, cert ? cert.email : "");
        var actions = cell(row, "");
        var target = {user: learner.username};
        if (cert && cert.status === "issued") {
            actions.appendChild(button(strings.revoke, function () {
                act("revoke", {certificate: cert.id, reason: reason()});
            }));
            actions.appendChild(button(strings.regenerate, function () {
                act("regenerate", {certificate: cert.id, reason: reason()});
            }));
        } else if (cert) {
            actions.appendChild(button(strings.restore, function () {
                act("restore", {certificate: cert.id, reason: reason()});
            }));
        }
        if (cert) { actions.appendChild(button(strings.history, function () { history(cert.id); })); }
        if (!learner.allowlisted && !cert) {
            actions.appendChild(button(strings.add, function () { act("allowlist_add", target); }));
        }
        return row;
    }

    function loadLearners() {
        var query = {search: filters.elements.search.value, status: filters.elements.status.value, page: state.page};
        return call("learners", {query: query}).then(function (data) {
            var body = root.querySelector(".cert-xblock-staff__learners tbody");
            body.innerHTML = "";
            data.results.forEach(function (learner) { body.appendChild(learnerRow(learner)); });
            state.pages = data.pages;
            root.querySelector(".cert-xblock-staff__page").textContent =
                strings.page + " " + data.page + " / " + data.pages + " (" + data.count + ")";
        });
    }

    /* A certificate's versions and actions (``id``), or the block's latest actions (no id). */
    function history(id) {
        call("history", {query: id ? {certificate: id} : {}}).then(function (data) {
            var box = root.querySelector(".cert-xblock-staff__history");
            var versions = box.querySelector(".cert-xblock-staff__versions tbody");
            var log = box.querySelector(".cert-xblock-staff__actions-log tbody");
            versions.innerHTML = "";
            log.innerHTML = "";
            box.querySelector(".cert-xblock-staff__versions").hidden = !data.versions;
            (data.versions || []).forEach(function (v) {
                var row = document.createElement("tr");
                [v.version, v.name, v.printed_at.slice(0, 19).replace("T", " "), v.by, v.reason].forEach(
                    function (text) { cell(row, text); });
                versions.appendChild(row);
            });
            data.actions.forEach(function (a) {
                var row = document.createElement("tr");
                [a.at.slice(0, 19).replace("T", " "), a.by, a.kind, a.learner, a.reason, a.request_id].forEach(
                    function (text) { cell(row, text); });
                log.appendChild(row);
            });
            box.hidden = false;
        }).catch(failed);
    }

    function showCsvReport(data) {
        var table = root.querySelector(".cert-xblock-staff__csv-report");
        var body = table.querySelector("tbody");
        body.innerHTML = "";
        data.rows.forEach(function (r) {
            var row = document.createElement("tr");
            row.setAttribute("data-outcome", r.outcome);
            [r.line, r.identifier, r.outcome, r.message].forEach(function (text) { cell(row, text); });
            body.appendChild(row);
        });
        table.hidden = false;
    }

    var select = filters.elements.status;
    init.statuses.forEach(function (status) {
        var option = document.createElement("option");
        option.value = status;
        option.textContent = strings[status] || status;
        select.appendChild(option);
    });
    var allow = root.querySelector(".cert-xblock-staff__allowlist").elements;
    root.querySelector(".cert-xblock-staff__allow-add").addEventListener("click", function () {
        act("allowlist_add", {user: allow.user.value, note: allow.note.value});
    });
    root.querySelector(".cert-xblock-staff__allow-remove").addEventListener("click", function () {
        act("allowlist_remove", {user: allow.user.value, note: allow.note.value});
    });
    allow.csv.addEventListener("change", function () {
        var file = allow.csv.files[0];
        if (!file) { return; }
        file.arrayBuffer().then(function (bytes) {
            return call("allowlist_csv", {body: bytes, type: "text/csv", query: {note: allow.note.value}});
        }).then(function (data) { showCsvReport(data); return refresh(); }).catch(failed);
    });
    root.querySelector(".cert-xblock-staff__issue-now").addEventListener("click", function () {
        call("issue_now", {body: {}}).then(function (data) { showRun(data.run); }).catch(failed);
    });
    /* A hundred certificates a request, each answer naming where the next one starts, until none is left. */
    function regenerateAll(after, done) {
        return call("regenerate_all", {body: {reason: reason(), after: after}}).then(function (data) {
            done += data.regenerated + data.failed;
            say(strings.regenerated + ": " + done + (data.remaining ? " · " + strings.queued + " " + data.remaining : ""));
            return data.next === null ? refresh() : regenerateAll(data.next, done);
        });
    }
    root.querySelector(".cert-xblock-staff__regenerate-all").addEventListener("click", function () {
        regenerateAll(0, 0).catch(failed);
    });
    filters.elements.search.addEventListener("input", function () { state.page = 1; loadLearners().catch(failed); });
    select.addEventListener("change", function () { state.page = 1; loadLearners().catch(failed); });
    filters.addEventListener("submit", function (event) { event.preventDefault(); });
    root.querySelector(".cert-xblock-staff__prev").addEventListener("click", function () {
        if (state.page > 1) { state.page -= 1; loadLearners().catch(failed); }
    });
    root.querySelector(".cert-xblock-staff__next").addEventListener("click", function () {
        if (state.page < state.pages) { state.page += 1; loadLearners().catch(failed); }
    });
    root.querySelector(".cert-xblock-staff__audit").addEventListener("click", function () { history(null); });
    root.querySelector(".cert-xblock-staff__close").addEventListener("click", function () {
        root.querySelector(".cert-xblock-staff__history").hidden = true;
    });
    root.querySelector(".cert-xblock-staff__show-learner").addEventListener("change", function (event) {
        element.querySelector(".cert-xblock-staff__learner-view").hidden = !event.target.checked;
    });
    refresh();
}
