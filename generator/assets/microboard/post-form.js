/* The "Post a project" form: the browser checks each field from the constraints the page carries
   (generated from the schema); this script adds the rules HTML cannot express, writes the posting
   as YAML and hands it to GitHub through a prefilled link. It sends nothing by itself.
   An organization already on the board is named by its folder and keeps its own file; a new one gets
   organization.yaml too, which a prefilled GitHub link cannot add beside the posting: the issue form
   (whose bot creates both files) is then the way to send it. */
(function () {
  "use strict";
  var root = document.querySelector("[data-mb-post-form]");
  if (!root) return;
  var form = root.querySelector("form");
  var config = JSON.parse(form.getAttribute("data-config"));
  var result = document.getElementById("mb-result");
  var yamlBox = document.getElementById("mb-yaml");
  var MAX_URL = 8000;
  var orgDetails = form.querySelector("[data-org-details]");
  var orgSlug = form.querySelector('[data-slug="organization-slug"]');

  function orgKind() {
    var chosen = form.querySelector('input[name="mb-org-kind"]:checked');
    return chosen ? chosen.value : "";
  }
  function followOrgKind() {
    var isNew = orgKind() === "new";
    orgDetails.hidden = !isNew;
    orgDetails.disabled = !isNew;  /* disabled fields are neither checked nor sent */
    orgSlug.required = orgKind() === "existing";
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

  /* ---- rules beyond single fields ---- */
  function checkList(el) {
    var items = lines(el.value), message = "";
    var min = +el.getAttribute("data-min-items") || 0, max = +el.getAttribute("data-max-items") || 0;
    var pattern = el.getAttribute("data-item-pattern");
    var minLen = +el.getAttribute("data-item-min-length") || 0, maxLen = +el.getAttribute("data-item-max-length") || 0;
    if (items.length && items.length < min) message = "List at least " + min + " item(s), one per line.";
    if (max && items.length > max) message = "List at most " + max + " items.";
    for (var i = 0; i < items.length && !message; i++) {
      if (minLen && items[i].length < minLen) message = "“" + items[i] + "” is shorter than " + minLen + " characters.";
      else if (maxLen && items[i].length > maxLen) message = "Each item is at most " + maxLen + " characters.";
      else if (pattern && !new RegExp(pattern).test(items[i])) message = "“" + items[i] + "” is not in the expected form.";
    }
    if (!message && el.getAttribute("data-unique") && new Set(items).size !== items.length) message = "An item is listed twice.";
    el.setCustomValidity(message);
  }

  function crossChecks() {
    controls().forEach(function (el) { if (el.setCustomValidity) el.setCustomValidity(""); });
    form.querySelectorAll("textarea[data-min-items], textarea[data-max-items], textarea[data-item-pattern]").forEach(checkList);
    function need(path, condition, message) {
      var el = byPath(path);
      if (el && condition && !el.value.trim()) el.setCustomValidity(message);
    }
    var pay = text("compensation.type");
    need("compensation.amount", pay && pay !== "unpaid", "Give the amount for this pay type.");
    need("compensation.currency", pay && pay !== "unpaid", "Give the currency, e.g. USD.");
    var place = text("location.type"), local = place === "hybrid" || place === "on-site";
    need("location.city", local, "Hybrid and on-site postings name a city.");
    need("location.country", local, "Hybrid and on-site postings name a country.");
    need("timeline.due", !text("timeline.duration_weeks"), "Give a due date or a duration in weeks.");
    need("apply.url", !text("apply.email"), "Give an application link or an e-mail address.");
    [["organization-slug", "organization.name"], ["project-slug", "title"]].forEach(function (pair) {
      var box = form.querySelector('[data-slug="' + pair[0] + '"]');
      if (!box) return;
      box.setCustomValidity("");
      if (!box.value.trim() && text(pair[1]) && !slugify(text(pair[1])))
        box.setCustomValidity("Write a short name: lowercase letters, digits and hyphens, e.g. green-valley.");
    });
    var mentoring = ["mentorship.mentor", "mentorship.check_ins", "mentorship.learning_outcomes"].some(text);
    need("mentorship.mentor", mentoring, "Name the mentor, or leave the whole mentorship section empty.");
    need("mentorship.check_ins", mentoring, "Say how often the mentor checks in.");
    var posted = text("posted"), applyBy = text("timeline.apply_by"), start = text("timeline.start"), due = text("timeline.due");
    if (posted && applyBy && applyBy < posted) byPath("timeline.apply_by").setCustomValidity("The apply-by date is before the posting date.");
    if (start && applyBy && start < applyBy) byPath("timeline.start").setCustomValidity("The start date is before the apply-by date.");
    if (due && (start || applyBy) && due < (start || applyBy)) byPath("timeline.due").setCustomValidity("The due date is before the start.");
  }

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
    if (type === "integer") return parseInt(raw, 10);
    if (type === "number") return Number(raw);
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

  function show(data) {
    var where = paths(data);
    var organization = data.organization, isNew = orgKind() === "new";
    delete data.organization;  /* a posting holds no organization details: its folder names the organization */
    var yaml = "# yaml-language-server: $schema=../../schema/project.schema.json\n\n" + toYaml(data, 0);
    yamlBox.value = yaml;
    document.getElementById("mb-result-path").textContent = "It will be saved as " + where.file + ".";
    var orgFile = config.projectsDir + "/" + where.org + "/organization.yaml";
    document.getElementById("mb-org-result").hidden = !isNew;
    document.getElementById("mb-open-pr").hidden = isNew;
    var ownersNote = document.getElementById("mb-owners-note");
    ownersNote.hidden = isNew;
    if (isNew) {
      var described = { name: organization.name };
      if (organization.url) described.url = organization.url;
      if (organization.about) described.about = organization.about;
      described.owners = data.owners || [];
      document.getElementById("mb-org-yaml").value =
        "# yaml-language-server: $schema=../../schema/organization.schema.json\n\n" + toYaml(described, 0);
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
  form.addEventListener("input", crossChecks);
  form.addEventListener("change", function () { followOrgKind(); crossChecks(); });
  form.addEventListener("reset", function () { setTimeout(followOrgKind, 0); });
  followOrgKind();
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    crossChecks();
    if (!form.reportValidity()) return;
    show(posting());
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
  crossChecks();
})();
