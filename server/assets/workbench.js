/* The workbench's only script, and an optional one: every button works
   without it (plain form posts). With it, the dossier is checked as the
   drafter types: a moment after a change, the form is posted as "Kiểm tra"
   would post it, and the verdict, the list of what to fix first and the
   problems beside each field are taken from the answer. Nothing is sent
   anywhere but this server, nothing is stored. */
(function () {
    "use strict";
    var form = document.getElementById("dossier-form");
    var live = document.getElementById("live");
    if (!form || !live || !window.fetch || !window.DOMParser) {
        return;
    }
    var timer = null, seq = 0;

    function issuesOf(field) {
        return field.querySelector(":scope > ul.issues");
    }

    function apply(html, mine) {
        if (mine !== seq) {
            return; /* an older answer than the last change */
        }
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("live");
        if (!fresh) {
            return;
        }
        live.innerHTML = fresh.innerHTML;
        var fields = form.querySelectorAll(".field");
        for (var i = 0; i < fields.length; i++) {
            var input = fields[i].querySelector("[name]");
            if (!input) {
                continue;
            }
            var twin = doc.querySelector("[name=\"" +
                CSS.escape(input.getAttribute("name")) + "\"]");
            var old = issuesOf(fields[i]);
            var box = twin ? twin.closest(".field") : null;
            var now = box ? issuesOf(box) : null;
            if (old) {
                old.remove();
            }
            if (now) {
                fields[i].appendChild(document.importNode(now, true));
            }
        }
    }

    function check() {
        var data = new URLSearchParams(new FormData(form));
        var mine = ++seq;
        data.set("action", "check");
        fetch(form.getAttribute("action"), {
            method: "POST",
            body: data,
            credentials: "omit",
            headers: {"Content-Type": "application/x-www-form-urlencoded"}
        }).then(function (r) {
            return r.ok ? r.text() : null;
        }).then(function (html) {
            if (html) {
                apply(html, mine);
            }
        }).catch(function () { /* the buttons still work */ });
    }

    function changed() {
        clearTimeout(timer);
        timer = setTimeout(check, 700);
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    live.setAttribute("aria-live", "polite");
})();
