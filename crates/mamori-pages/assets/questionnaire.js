// Questionnaire autosave (progressive enhancement; the form works without it).
// Every change is kept in this browser's localStorage first and then saved to the server, so
// nothing typed is lost on reload, a dropped connection or an expired session: the next time
// the page opens, unsaved answers are put back and saved.
(function () {
  "use strict";
  var form = document.getElementById("questionnaire");
  if (!form || !window.fetch || !window.localStorage) return;
  var key = form.getAttribute("data-draft-key");
  var en = form.getAttribute("data-lang") === "en";
  var words = en ? {
    saving: "Saving…",
    expired: "Your session has expired. Your answers are kept on this device; sign in again and open this page to save them.",
    signIn: " Sign in",
    failed: function (s) { return "Could not save (" + s + "). Your answers are kept on this device; please reopen the page."; },
    saved: function (t) { return "Saved automatically (" + t + ")."; },
    offline: "No connection. Your answers are kept on this device and will be saved when the connection returns.",
    restored: "Answers that had not been saved were restored. Saving…",
    auto: "Answers are saved automatically as you go."
  } : {
    saving: "保存しています…",
    expired: "ログインの有効期限が切れました。入力はこの端末に保存してあります。もう一度ログインしてこのページを開くと、続きから保存されます。",
    signIn: " ログインする",
    failed: function (s) { return "保存できませんでした（" + s + "）。入力はこの端末に保存してあります。ページを開き直してください。"; },
    saved: function (t) { return "自動保存しました（" + t + "）。"; },
    offline: "通信できませんでした。入力はこの端末に保存してあります。接続が戻ると自動で保存します。",
    restored: "保存されていなかった入力を復元しました。保存しています…",
    auto: "回答は入力するたびに自動で保存されます。"
  };
  var status = document.getElementById("save-status");
  var timer = null;
  var saving = false;
  var again = false;

  function say(text) {
    if (status) status.textContent = text;
  }

  function fields() {
    var list = [];
    var inputs = form.querySelectorAll("input[type=radio]:checked");
    for (var i = 0; i < inputs.length; i++) list.push([inputs[i].name, inputs[i].value]);
    // The consultant's notes (secondary diagnosis) are kept and saved like the answers.
    var notes = form.querySelectorAll("textarea:not([disabled])");
    for (var j = 0; j < notes.length; j++) list.push([notes[j].name, notes[j].value]);
    return list;
  }

  function remember() {
    try {
      localStorage.setItem(key, JSON.stringify({ at: Date.now(), fields: fields() }));
    } catch (e) { /* storage full or disabled: the server save still runs */ }
  }

  function restore() {
    var kept;
    try { kept = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { kept = null; }
    if (!kept || !kept.fields || !kept.fields.length) return false;
    var changed = false;
    kept.fields.forEach(function (f) {
      var areas = form.querySelectorAll("textarea");
      for (var j = 0; j < areas.length; j++) {
        if (areas[j].name === f[0] && areas[j].value !== f[1]) {
          areas[j].value = f[1];
          changed = true;
        }
      }
      var inputs = form.querySelectorAll("input[type=radio]");
      for (var i = 0; i < inputs.length; i++) {
        if (inputs[i].name === f[0] && inputs[i].value === f[1] && !inputs[i].checked) {
          inputs[i].checked = true;
          changed = true;
        }
      }
    });
    return changed;
  }

  // The counters follow what the server has saved: "answered n / total" and each part's n/total.
  function count(saved) {
    if (!saved || typeof saved.answered !== "number") return;
    var label = document.getElementById("progress-label");
    if (label) label.textContent = label.textContent.replace(/\d+ \/ \d+/, saved.answered + " / " + saved.total);
    var bar = document.getElementById("progress");
    if (bar) {
      bar.value = saved.answered;
      bar.textContent = Math.round(saved.answered * 100 / Math.max(saved.total, 1)) + "%";
    }
    (saved.parts || []).forEach(function (n, i) {
      var part = document.querySelector("[data-part-count='" + i + "']");
      if (part) part.textContent = part.textContent.replace(/^\d+/, String(n));
    });
  }

  function time() {
    var d = new Date();
    return d.getHours() + ":" + ("0" + d.getMinutes()).slice(-2);
  }

  function save() {
    if (saving) { again = true; return; }
    saving = true;
    var body = new URLSearchParams();
    form.querySelectorAll("input[type=hidden]").forEach(function (h) { body.append(h.name, h.value); });
    fields().forEach(function (f) { body.append(f[0], f[1]); });
    body.append("go", "stay");
    say(words.saving);
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (res) {
      var url = new URL(res.url, location.href);
      if (res.redirected && url.pathname === "/login") {
        say(words.expired);
        var link = document.createElement("a");
        link.href = "/login?next=" + encodeURIComponent(location.pathname + location.search);
        link.textContent = words.signIn;
        status.appendChild(link);
        return;
      }
      if (!res.ok) {
        say(words.failed(res.status));
        return;
      }
      return res.json().then(function (saved) {
        localStorage.removeItem(key);
        say(words.saved(time()));
        count(saved);
      });
    }).catch(function () {
      say(words.offline);
    }).then(function () {
      saving = false;
      if (again) { again = false; save(); }
    });
  }

  // Typing is kept at once and saved after a pause, so a long note is not posted per keystroke.
  form.addEventListener("input", function (e) {
    if (e.target.tagName !== "TEXTAREA") return;
    remember();
    clearTimeout(timer);
    timer = setTimeout(save, 1500);
  });
  form.addEventListener("change", function (e) {
    // An answer chosen here is the person's own, no longer the one taken from another result.
    var question = e.target.closest && e.target.closest(".question");
    var mark = question && question.querySelector(".tag.prefilled");
    if (mark) mark.parentNode.removeChild(mark);
    remember();
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  });
  // A normal submit saves through the server; what is kept locally is then stale.
  form.addEventListener("submit", function () { localStorage.removeItem(key); });
  window.addEventListener("online", function () {
    if (localStorage.getItem(key)) save();
  });
  if (restore()) {
    say(words.restored);
    save();
  } else {
    say(words.auto);
  }
})();
