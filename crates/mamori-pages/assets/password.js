// The "show the passwords" button of the password forms. The page sends it hidden, so a browser
// without scripts shows the plain form and no button that would do nothing; here it appears and
// switches every password field of its form between hidden and readable text.
(function () {
  "use strict";
  document.querySelectorAll("button[data-show-password]").forEach(function (button) {
    var form = button.closest("form");
    if (!form) return;
    var fields = form.querySelectorAll("input[type=password]");
    var showText = button.textContent;
    var hideText = button.getAttribute("data-hide") || showText;
    button.hidden = false;
    button.addEventListener("click", function () {
      var show = fields.length > 0 && fields[0].type === "password";
      fields.forEach(function (field) {
        field.type = show ? "text" : "password";
      });
      button.textContent = show ? hideText : showText;
    });
  });
})();
