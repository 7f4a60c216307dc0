/* The "Post a project" form. On submit, form-check.js checks the answers against the rules the page
   carries (the validator's schemas, settings and words); any problem is shown the GOV.UK way: a summary
   at the top linking to each field, which gets focus, and the message under each field, the answers kept.
   When nothing is wrong this script writes the posting as YAML and hands it to GitHub through a
   prefilled link. It sends nothing by itself.
   An organization already on the board is named by its folder and keeps its own file; a new one gets
   organization.yaml too, which a prefilled GitHub link cannot add beside the posting: the issue form
   (whose bot creates both files) is then the way to send it. */
(function () {
  "use strict";
  var root = document.querySelector("[data-mb-post-form]");
  if (!root) return;
  var form = root.querySelector("form");
  var config = JSON.parse(form.getAttribute("data-config"));
  var rules = JSON.parse(document.getElementById("mb-form-rules").textContent);
  var result = document.getElementById("mb-result");
  var yamlBox = document.getElementById("mb-yaml");
  var MAX_URL = 8000;
  var orgDetails = form.querySelector("[data-org-details]");

  function orgKind() {
    var chosen = form.querySelector('input[name="mb-org-kind"]:checked');
    return chosen ? chosen.value : "";
  }
  function followOrgKind() {
    var isNew = orgKind() === "new";
    orgDetails.hidden = !isNew;
    orgDetails.disabled = !isNew;  /* disabled fields are neither checked nor sent */
  }

  function controls() { return form.querySelectorAll("[data-path]"); }
  function byPath(path) { return form.querySelector('[data-path="' + path + '"]'); }
  function text(path) { var el = byPath(path); return el && el.value ? el.value.trim() : ""; }
  function lines(value) {
    return value.split("\n").map(function (l) { return l.replace(/^\s*(?:[-*•]\s+|\d+[.)]\s+)/, "").trim(); })
      .filter(function (l) { return l.length > 0; });
  }
  /* The slug rule of generator/slugs.py, with its spellings from the build (config.slug). A name with a
     character that rule does not spell here gives null: the employer writes the short name instead. */
  var slugTable = {};
  (function () {
    var chars = Array.from(config.slug.chars), spelled = config.slug.spelled.split("\t");
    chars.forEach(function (ch, i) { slugTable[ch] = spelled[i]; });
  })();
  function slugify(value) {
    var rule = config.slug, out = "", known = true;
    Array.from(value).forEach(function (ch) {
      var point = ch.codePointAt(0);
      var spelled = point < 128 ? ch : slugTable[ch];
      if (spelled === undefined) {
        var covered = rule.ranges.some(function (r) { return point >= r[0] && point < r[1]; });
        spelled = ch.normalize("NFKD").replace(/\p{M}/gu, "");
        if (!covered || !/^[\x00-\x7f]*$/.test(spelled)) known = false;
      }
      out += spelled;
    });
    if (!known) return null;
    var slug = out.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    var limit = rule.max;
    if (slug.length > limit) {
      var cut = slug.slice(0, limit), hyphen = cut.lastIndexOf("-");
      if (slug.charAt(limit) !== "-" && hyphen >= Math.floor(limit / 2)) cut = cut.slice(0, hyphen);
      slug = cut.replace(/^-+|-+$/g, "");
    }
    if (rule.reserved.indexOf(slug) >= 0) slug = slug.slice(0, limit - rule.suffix.length) + rule.suffix;
    return slug;
  }
  window.microboardSlugify = slugify;  /* read by the parity test with generator/slugs.py */

  /* ---- checking, the GOV.UK way ---- */
  var summary = document.getElementById("mb-error-summary");
  var summaryList = document.getElementById("mb-error-summary-list");
  var pageTitle = document.title;

  function organizationAnswers(data) {
    if (orgKind() !== "new") return null;
    var described = {}, given = data.organization || {};
    Object.keys(given).forEach(function (key) { described[key] = given[key]; });
    described.owners = data.owners || [];
    return described;
  }
  function formProblem(field, entry) {
    var text = config.text[entry];
    return { field: field, code: text[0], message: text[1], hint: text[2] };
  }
  /* What the form itself asks: where the posting goes. */
  function placeProblems(data) {
    var found = [];
    if (!orgKind()) found.push(formProblem("mb-org-kind", "org-kind"));
    [["organization-slug", (data.organization || {}).name], ["project-slug", data.title]].forEach(function (pair) {
      var box = form.querySelector('[data-slug="' + pair[0] + '"]'), written = box.value.trim();
      if (written && !new RegExp("^(?:" + config.slugPattern + ")$").test(written)) found.push(formProblem(pair[0], "slug"));
      else if (!written && pair[0] === "organization-slug" && orgKind() === "existing") found.push(formProblem(pair[0], "org-slug"));
      else if (!written && typeof pair[1] === "string" && pair[1].trim() && !slugify(pair[1])) found.push(formProblem(pair[0], "derive"));
    });
    return found;
  }
  function withoutOrganization(data) {  /* a posting holds no organization details: its folder names it */
    var kept = {};
    Object.keys(data).forEach(function (key) { if (key !== "organization") kept[key] = data[key]; });
    return kept;
  }
  /* The titles an organization's postings use, from the build's post/titles/<organization>.json; an organization
     the board does not list has none. */
  var titleFiles = {};
  function titlesOf(org) {
    if (!new RegExp("^(?:" + config.slugPattern + ")$").test(org) ||
        !document.querySelector('#mb-organizations option[value="' + CSS.escape(org) + '"]')) return Promise.resolve([]);
    if (!titleFiles[org]) {
      titleFiles[org] = fetch(rules.titlesDir + "/" + org + ".json")
        .then(function (response) { return response.ok ? response.json() : []; })
        .catch(function () { return []; });
    }
    return titleFiles[org];
  }
  function problems() {
    var data = posting(), where = paths(data);
    return titlesOf(where.org).then(function (titles) { return ordered(data, where, titles); });
  }
  function ordered(data, where, titles) {
    var found = placeProblems(data).concat(window.microboardCheck(rules, withoutOrganization(data), organizationAnswers(data),
                                                                  where.org, config.projectsDir + "/" + where.org + "/organization.yaml", titles));
    var groups = Array.prototype.slice.call(form.querySelectorAll(".mb-field"));
    var place = function (problem) { return groups.indexOf(fieldGroup(problem.field)); };
    return found.sort(function (a, b) { return place(a) - place(b); });  /* in the order the page asks */
  }

  /* A field's group; a whole missing section (`timeline`) is shown at its first field. */
  function fieldGroup(field) {
    var own = document.getElementById("mb-" + field.replace(/\./g, "-").replace(/_/g, "-") + "-group") ||
      document.getElementById(field + "-group");
    if (own) return own;
    var first = form.querySelector('[data-path^="' + CSS.escape(field + ".") + '"]');
    return first && first.closest(".mb-field");
  }
  function controlOf(field) {
    var group = fieldGroup(field);
    return group && group.querySelector("input, select, textarea");
  }
  function clearErrors() {
    form.querySelectorAll(".mb-error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    form.querySelectorAll(".mb-field--error").forEach(function (g) { g.classList.remove("mb-field--error"); });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) {
      el.removeAttribute("aria-invalid");
      el.setAttribute("aria-describedby", el.getAttribute("aria-describedby").replace(/ \S+-error$/, ""));
    });
    summaryList.textContent = "";
    summary.hidden = true;
    document.title = pageTitle;
  }
  /* The checker's words mark field names and lines to write with backticks (`title`), as its reports on
     GitHub do; here those parts are shown as code, built as text nodes so nothing in them is markup. */
  function words(el, text) {
    String(text).split("`").forEach(function (part, i) {
      if (!part) return;
      if (i % 2) { var code = document.createElement("code"); code.textContent = part; el.appendChild(code); }
      else el.appendChild(document.createTextNode(part));
    });
    return el;
  }
  function line(tag, className, text) {
    var el = document.createElement(tag);
    el.className = className;
    return words(el, text);
  }
  function showErrors(found) {
    clearErrors();
    found.forEach(function (problem) {
      var group = fieldGroup(problem.field), control = controlOf(problem.field);
      if (!group) return;
      var error = group.querySelector(".mb-error");
      var hidden = line("span", "mb-visually-hidden", config.words.error);
      var message = line("span", "mb-error__message", problem.message);
      message.setAttribute("data-code", problem.code);
      error.appendChild(hidden);
      error.appendChild(message);
      if (problem.hint) error.appendChild(line("span", "mb-error__hint", problem.hint));
      error.hidden = false;
      group.classList.add("mb-field--error");
      var described = group.querySelector("[aria-describedby]");
      if (described && !described.hasAttribute("aria-invalid")) {
        described.setAttribute("aria-invalid", "true");
        described.setAttribute("aria-describedby", described.getAttribute("aria-describedby") + " " + error.id);
      }
      var item = document.createElement("li"), link = document.createElement("a");
      link.href = "#" + (control ? control.id : group.id);
      words(link, problem.message);
      link.setAttribute("data-code", problem.code);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var label = group.querySelector(".mb-label");
        if (label) label.scrollIntoView({ block: "start" });
        if (control) control.focus({ preventScroll: !!label });
      });
      item.appendChild(link);
      summaryList.appendChild(item);
    });
    summary.hidden = false;
    document.title = config.words.error + pageTitle;
    summary.focus();
  }

  /* What the checker accepts but will point out (an unlisted skill, unusual hours): listed with the result. */
  function showWarnings(found) {
    var box = document.getElementById("mb-warnings"), list = box.querySelector("ul");
    list.textContent = "";
    found.forEach(function (problem) {
      var item = document.createElement("li");
      item.appendChild(line("span", "mb-warning__message", problem.message));
      if (problem.hint) item.appendChild(line("span", "mb-warning__hint", problem.hint));
      item.setAttribute("data-code", problem.code);
      list.appendChild(item);
    });
    box.hidden = !found.length;
  }

  /* A star on each field the posting needs as it stands: due date or duration until one is given,
     the amount once the pay is not unpaid, a city for on-site work... read from the schemas. */
  function followRequired() {
    var data = posting(), needed = {};
    window.microboardRequired(rules.schema, withoutOrganization(data)).forEach(function (path) { needed[path] = true; });
    if (orgKind() === "new") window.microboardRequired(rules.orgSchema, data.organization || {}).forEach(function (path) {
      needed[path === "owners" ? "owners" : "organization." + path] = true;
    });
    if (orgKind() === "existing") needed["organization-slug"] = true;
    needed["mb-org-kind"] = true;
    form.querySelectorAll("[data-required-marker]").forEach(function (star) {
      var path = star.getAttribute("data-required-marker"), on = !!needed[path];
      star.hidden = !on;
      var control = controlOf(path);
      if (control) { if (on) control.setAttribute("aria-required", "true"); else control.removeAttribute("aria-required"); }
    });
  }

  /* What a date box shows, e.g. dd/mm/yyyy: said in its help, so the words match the picker. */
  (function () {
    var parts = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(new Date(2031, 11, 31));
    var shown = parts.map(function (p) {
      return p.type === "year" ? "yyyy" : p.type === "month" ? "mm" : p.type === "day" ? "dd" : p.value;
    }).join("");
    form.querySelectorAll("[data-date-format]").forEach(function (el) {
      el.textContent = config.words.dateOrder.replace("{order}", shown);
    });
  })();

  /* ---- the posting ---- */
  function value(el) {
    var type = el.getAttribute("data-type");
    if (type === "multi") {
      return Array.prototype.map.call(el.querySelectorAll("input:checked"), function (b) { return b.value; });
    }
    var raw = el.value;
    if (type === "array") return lines(raw);
    raw = raw.trim();
    if (raw === "") return null;
    /* a number as typed: what is not one stays text, and the checker says so as the validator would */
    if (type === "integer" || type === "number") return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    if (el.getAttribute("data-path") === "description") return raw + "\n";
    return raw.replace(/\s+/g, " ");
  }

  function posting() {
    var data = {};
    controls().forEach(function (el) {
      if (el.closest("fieldset[disabled]")) return;
      var v = value(el);
      if (v === null || (Array.isArray(v) && v.length === 0)) return;
      var parts = el.getAttribute("data-path").split("."), target = data;
      for (var i = 0; i < parts.length - 1; i++) target = target[parts[i]] = target[parts[i]] || {};
      target[parts[parts.length - 1]] = v;
    });
    return data;
  }

  /* YAML where every text is a double-quoted JSON string: valid YAML, and no answer can become a key. */
  function scalar(v) { return typeof v === "string" ? JSON.stringify(v) : String(v); }
  function toYaml(data, indent) {
    var out = "", pad = new Array(indent + 1).join("  ");
    Object.keys(data).forEach(function (key) {
      var v = data[key];
      if (Array.isArray(v)) {
        out += pad + key + ":\n" + v.map(function (item) { return pad + "  - " + scalar(item) + "\n"; }).join("");
      } else if (v && typeof v === "object") {
        out += pad + key + ":\n" + toYaml(v, indent + 1);
      } else if (key === "description" && typeof v === "string" && !/[\t\r]|[ ]\n|^\s/.test(v)) {
        out += pad + key + ": |\n" + v.replace(/\n$/, "").split("\n").map(function (l) { return l ? pad + "  " + l : ""; }).join("\n") + "\n";
      } else {
        out += pad + key + ": " + scalar(v) + "\n";
      }
    });
    return out;
  }

  function paths(data) {
    var org = (form.querySelector('[data-slug="organization-slug"]').value.trim()) || slugify((data.organization || {}).name || "") || "";
    var project = (form.querySelector('[data-slug="project-slug"]').value.trim()) || slugify(data.title || "") || "";
    return { org: org, project: project, file: config.projectsDir + "/" + org + "/" + project + ".yaml" };
  }

  function github(path) { return config.github + "/" + config.repository + path; }

  /* The files the answers make: the posting, and for a new organization its organization.yaml. */
  function files(data) {
    var organization = organizationAnswers(data);
    return { where: paths(data),
             yaml: "# yaml-language-server: $schema=../../schema/project.schema.json\n\n" + toYaml(withoutOrganization(data), 0),
             orgYaml: organization && "# yaml-language-server: $schema=../../schema/organization.schema.json\n\n" + toYaml(organization, 0) };
  }
  window.microboardFormFiles = function () { return files(posting()); };  /* read by the parity test */

  function show(data) {
    var made = files(data), where = made.where, isNew = !!made.orgYaml;
    data = withoutOrganization(data);
    var yaml = made.yaml;
    yamlBox.value = yaml;
    document.getElementById("mb-result-path").textContent = "It will be saved as " + where.file + ".";
    var orgFile = config.projectsDir + "/" + where.org + "/organization.yaml";
    document.getElementById("mb-org-result").hidden = !isNew;
    document.getElementById("mb-open-pr").hidden = isNew;
    var ownersNote = document.getElementById("mb-owners-note");
    ownersNote.hidden = isNew;
    if (isNew) {
      document.getElementById("mb-org-yaml").value = made.orgYaml;
      document.getElementById("mb-org-note").textContent = "A new organization is described in its own file, " +
        orgFile + ", next to the posting, with you as its owner. Submit as an issue: the board's bot creates both " +
        "files in one pull request (a GitHub file link can only make one). If you write the files yourself, add both.";
    } else {
      ownersNote.textContent = "Only the owners named in " + orgFile + " can add postings for this organization. " +
        "If you are not one of them, ask one of them to add you, or a maintainer must approve your pull request.";
    }
    var prUrl = github("/new/" + encodeURIComponent(config.branch) + "?filename=" + encodeURIComponent(where.file) +
      "&value=" + encodeURIComponent(yaml));
    var tooLong = prUrl.length > MAX_URL;
    if (tooLong) prUrl = github("/new/" + encodeURIComponent(config.branch) + "?filename=" + encodeURIComponent(where.file));
    document.getElementById("mb-long-note").hidden = !tooLong;
    document.getElementById("mb-open-pr").href = prUrl;
    var params = ["template=" + encodeURIComponent(config.issueTemplate), "title=" + encodeURIComponent("[Post] " + (data.title || "")),
      "organization-slug=" + encodeURIComponent(where.org), "project-slug=" + encodeURIComponent(where.project)];
    var known = isNew ? null : document.querySelector('#mb-organizations option[value="' + CSS.escape(where.org) + '"]');
    if (known) params.push("organization-name=" + encodeURIComponent(known.textContent));  /* the form asks for it */
    controls().forEach(function (el) {
      if (el.closest("fieldset[disabled]")) return;
      var v = value(el);
      if (v === null || (Array.isArray(v) && !v.length)) return;
      var id = el.getAttribute("id").replace(/^mb-/, "");
      params.push(encodeURIComponent(id) + "=" + encodeURIComponent(Array.isArray(v) ? v.join(el.getAttribute("data-type") === "multi" ? ", " : "\n") : String(v)));
    });
    var issueUrl = github("/issues/new?" + params.join("&"));
    if (issueUrl.length > MAX_URL) issueUrl = github("/issues/new?template=" + encodeURIComponent(config.issueTemplate));
    document.getElementById("mb-open-issue").href = issueUrl;
    result.hidden = false;
    result.scrollIntoView({ block: "start" });
  }

  /* ---- wiring ---- */
  var posted = byPath("posted");
  if (posted && !posted.value) posted.value = new Date().toISOString().slice(0, 10);
  var status = byPath("status");
  if (status) status.value = "open";
  form.addEventListener("change", function () {
    followOrgKind();
    followRequired();
  });
  form.addEventListener("input", followRequired);
  form.addEventListener("reset", function () { setTimeout(function () { followOrgKind(); followRequired(); clearErrors(); }, 0); });
  followOrgKind();
  followRequired();
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    form.setAttribute("aria-busy", "true");
    problems().then(function (found) {
      form.removeAttribute("aria-busy");
      var errors = found.filter(function (p) { return p.severity !== "warning"; });
      if (errors.length) {
        result.hidden = true;
        showErrors(errors);
        return;
      }
      clearErrors();
      showWarnings(found);
      show(posting());
    });
  });
  document.getElementById("mb-copy").addEventListener("click", function () {
    var done = function () { document.getElementById("mb-copied").textContent = "Copied."; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(yamlBox.value).then(done, function () { yamlBox.select(); document.execCommand("copy"); done(); });
    } else {
      yamlBox.select();
      document.execCommand("copy");
      done();
    }
  });
  window.microboardFormProblems = problems;  /* a promise; read by the parity test with the validator */
})();
