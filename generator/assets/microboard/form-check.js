/* The validator's checks, read from the form's rules (generator/site/form_rules.py): the posting and
   organization schemas, the board's pay floor and exchange rates, the skills list, the time zones, the
   titles each organization already uses, and the validator's own words (generator/messages.py).
   It holds no board rule and no wording of its own: it interprets that description the way
   generator/validate.py runs it (jsonschema's reading of the keywords, Python's way of printing a value),
   and gives each problem the code, message and hint the validator gives the file the form makes;
   tests/test_post_form_parity_browser.py holds the two to the same answers.
   window.microboardCheck(rules, posting, organization, orgSlug, orgFile, titles) returns [{field, severity,
   code, message, hint}]; `titles` are the organization's [title, file] pairs (post/titles/<organization>.json). */
(function () {
  "use strict";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
  }
  function say(rules, entry, values) {
    var text = rules.text[entry];
    return { code: text[0], message: fill(text[1], values || {}), hint: fill(text[2], values || {}) };
  }

  /* How the validator writes a field (`timeline.due`, `owners[0]`) and a value (json.dumps, repr). */
  function fieldName(path) {
    if (!path.length) return "the posting";
    var text = "";
    path.forEach(function (part) {
      text += typeof part === "number" ? "[" + part + "]" : (text ? "." + part : part);
    });
    return "`" + text + "`";
  }
  function chars(text) { return Array.from(text); }
  function describe(value) {
    if (value === null || value === undefined) return "an empty value";
    if (typeof value === "boolean") return String(value);
    if (typeof value === "number") return pyNumber(value);
    if (typeof value === "string") {
      var shown = chars(value).length <= 40 ? value : chars(value).slice(0, 37).join("") + "...";
      return JSON.stringify(shown);
    }
    if (Array.isArray(value)) return "a list";
    return "a set of `key: value` lines";
  }
  function pyNumber(value) { return String(value); }
  function repr(text) {
    var quote = text.indexOf("'") >= 0 && text.indexOf('"') < 0 ? '"' : "'";
    var body = text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
    if (quote === "'") body = body.replace(/'/g, "\\'");
    return quote + body + quote;
  }
  /* money() of generator/model.py: thousands separated, cents only when there are some. */
  function money(amount) {
    return amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).replace(/\.00$/, "");
  }

  /* ---- the schema, as jsonschema runs it for the keywords the posting schemas use ---- */
  var URI = /^[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@\/?#]|%[0-9A-Fa-f]{2})*$/;
  function realDate(text) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    var day = new Date(text + "T00:00:00Z");
    return !isNaN(day) && day.toISOString().slice(0, 10) === text;
  }
  var FORMATS = {
    date: realDate,
    email: function (text) { return text.indexOf("@") >= 0; },
    uri: function (text) { return URI.test(text); }
  };
  function typeOk(value, type) {
    if (Array.isArray(type)) return type.some(function (t) { return typeOk(value, t); });
    switch (type) {
      case "string": return typeof value === "string";
      case "integer": return typeof value === "number" && Number.isInteger(value);
      case "number": return typeof value === "number";
      case "array": return Array.isArray(value);
      case "object": return value !== null && typeof value === "object" && !Array.isArray(value);
      case "boolean": return typeof value === "boolean";
      case "null": return value === null;
    }
    return true;
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  /* Every failure as {path, keyword, value, schema, key}: what jsonschema's iter_errors yields. */
  function schemaErrors(value, schema, path, out) {
    if (schema === false) { out.push({ path: path, keyword: "false", value: value }); return out; }
    if (!schema || schema === true) return out;
    function fail(keyword, extra) {
      var error = { path: path, keyword: keyword, value: value, schema: schema };
      Object.keys(extra || {}).forEach(function (k) { error[k] = extra[k]; });
      out.push(error);
    }
    if (schema.type !== undefined && !typeOk(value, schema.type)) fail("type");
    if (schema.enum && !schema.enum.some(function (v) { return same(v, value); })) fail("enum");
    if ("const" in schema && !same(schema.const, value)) fail("const");
    if (typeof value === "string") {
      var length = chars(value).length;
      if (schema.minLength !== undefined && length < schema.minLength) fail("minLength", { limit: schema.minLength });
      if (schema.maxLength !== undefined && length > schema.maxLength) fail("maxLength", { limit: schema.maxLength });
      if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) fail("pattern");
      if (schema.format && FORMATS[schema.format] && !FORMATS[schema.format](value)) fail("format");
    }
    if (typeof value === "number") {
      [["minimum", function (l) { return value < l; }], ["maximum", function (l) { return value > l; }],
       ["exclusiveMinimum", function (l) { return value <= l; }], ["exclusiveMaximum", function (l) { return value >= l; }]]
        .forEach(function (pair) {
          if (schema[pair[0]] !== undefined && pair[1](schema[pair[0]])) fail(pair[0], { limit: schema[pair[0]] });
        });
    }
    if (Array.isArray(value)) {
      if (schema.minItems !== undefined && value.length < schema.minItems) fail("minItems", { limit: schema.minItems });
      if (schema.maxItems !== undefined && value.length > schema.maxItems) fail("maxItems", { limit: schema.maxItems });
      if (schema.uniqueItems && new Set(value.map(function (v) { return JSON.stringify(v); })).size !== value.length)
        fail("uniqueItems");
      if (schema.items) value.forEach(function (item, i) { schemaErrors(item, schema.items, path.concat([i]), out); });
    }
    if (typeOk(value, "object")) {
      (schema.required || []).forEach(function (key) { if (!(key in value)) fail("required", { key: key }); });
      Object.keys(schema.properties || {}).forEach(function (key) {
        if (key in value) schemaErrors(value[key], schema.properties[key], path.concat([key]), out);
      });
      if (schema.additionalProperties === false) {
        Object.keys(value).forEach(function (key) {
          if (!(key in (schema.properties || {}))) fail("additionalProperties", { key: key });
        });
      }
    }
    if (schema.if !== undefined) {
      var branch = schemaErrors(value, schema.if, path, []).length ? schema.else : schema.then;
      if (branch !== undefined) schemaErrors(value, branch, path, out);
    }
    if (schema.anyOf && !schema.anyOf.some(function (option) { return !schemaErrors(value, option, path, []).length; }))
      fail("anyOf");
    return out;
  }

  function typeHint(rules, expected, value, schema) {
    var example = (schema.examples || [null])[0];
    if ((expected === "integer" || expected === "number") && typeof value === "string") {
      if (/^0[0-9]+$/.test(value.trim())) return "write the number without leading zeros, e.g. " + parseInt(value, 10);
      return "write a plain number without quotes or units, e.g. " + (example !== null ? example : 20);
    }
    if (expected === "string" && (typeof value === "number" || typeof value === "boolean")) return 'put the value in quotes, e.g. "' + value + '"';
    if (expected === "string" && value === null) return "write the value after the colon, or remove the line";
    if (expected === "array") return "write a list, one item per line starting with '- '";
    if (expected === "object") return "write the nested fields indented under this key";
    return "";
  }
  function typeWords(rules, expected) {
    return (Array.isArray(expected) ? expected : [expected]).map(function (t) { return rules.typeWords[t] || t; }).join(" or ");
  }

  /* One schema error in the validator's words (generator/validate.py, _explain). */
  function explain(rules, names, error) {
    var path = error.path, name = fieldName(path), schema = error.schema || {};
    var entry = names[path.filter(function (p) { return typeof p !== "number"; }).join(".")] || {};
    var value = describe(error.value), keyword = error.keyword;
    if (keyword === "required") {  /* worded by the validator itself for each key, with its example */
      var missing = entry.missing[error.key];
      return { code: missing[0], message: missing[1], hint: missing[2] };
    }
    if ((keyword === "format" || keyword === "pattern") && schema.format === "email") return say(rules, "email", { name: name, value: value });
    if (keyword === "type") return say(rules, "type", { name: name, expected: typeWords(rules, schema.type), value: value,
                                                      hint: typeHint(rules, schema.type, error.value, schema) });
    if (keyword === "enum") return say(rules, "enum", { value: value, name: name, near: "", allowed: schema.enum.join(", ") });
    if (keyword === "format") {
      if (schema.format === "date" || schema.format === "uri") return say(rules, schema.format, { name: name, value: value });
      return say(rules, "format", { name: name, format: schema.format, value: value, hint: "" });
    }
    if (keyword === "pattern") {
      if (schema.pattern === "^https://") return say(rules, "https", { name: name, value: value });
      var hint = typeof path[path.length - 1] === "number" ? entry.itemPatternHint : entry.patternHint;
      return say(rules, "pattern", { name: name, value: value, hint: hint || "" });
    }
    if (keyword === "minLength" || keyword === "maxLength")
      return say(rules, keyword, { name: name, length: chars(error.value).length, limit: error.limit });
    if (keyword === "minItems" || keyword === "maxItems") return say(rules, keyword, { name: name, count: error.value.length, limit: error.limit });
    if (keyword === "uniqueItems") return say(rules, keyword, { name: name });
    if (/^(exclusiveM|m)(in|ax)imum$/.test(keyword)) return say(rules, keyword, { name: name, value: pyNumber(error.value), limit: error.limit });
    if (keyword === "anyOf" && rules.text["anyOf:" + path[path.length - 1]]) return say(rules, "anyOf:" + path[path.length - 1]);
    if (keyword === "false") return say(rules, "false", { name: name });
    return { code: "schema", message: name + ": " + keyword, hint: "" };
  }

  /* The form control a problem belongs to: a missing key's own field, an end of the timeline at its due date. */
  function target(error, schema) {
    var path = error.path.filter(function (p) { return typeof p !== "number"; });
    if (error.keyword === "required") return path.concat([error.key]);
    if (error.keyword === "anyOf") {
      var node = schema;
      path.forEach(function (p) { node = (node.properties || {})[p] || {}; });
      return path.concat([node.anyOf[0].required[0]]);
    }
    return path;
  }

  function checkSchema(rules, data, schema, names, prefix, found) {
    var errors = schemaErrors(data, schema, [], []);
    errors.forEach(function (error) {
      if (error.keyword === "const" || error.keyword === "additionalProperties") return;  /* the form writes only known keys */
      var said = explain(rules, names, error);
      said.field = prefix(target(error, schema));
      found.push(said);
    });
    return errors.length === 0;
  }

  function placeholders(rules, value, path, prefix, found) {
    if (typeof value === "string") {
      if (new RegExp(rules.placeholder, "u").test(value)) {
        var said = say(rules, "placeholder-left", { name: fieldName(path) });
        said.field = prefix(path.filter(function (p) { return typeof p !== "number"; }));
        found.push(said);
      }
    } else if (Array.isArray(value)) {
      value.forEach(function (item, i) { placeholders(rules, item, path.concat([i]), prefix, found); });
    } else if (value && typeof value === "object") {
      Object.keys(value).forEach(function (key) { placeholders(rules, value[key], path.concat([key]), prefix, found); });
    }
  }

  function at(said, field) { said.field = field; return said; }
  function warning(said, field) { said.warning = true; return at(said, field); }

  /* generator/characters.py: the first character a text may not hold, by the runs the build read from it. */
  function characters(rules, value, path, names, prefix, found) {
    if (typeof value === "string") {
      var keyed = path.filter(function (p) { return typeof p !== "number"; }).join(".");
      var entry = names[keyed] || {}, multiline = typeof path[path.length - 1] === "number" ? entry.itemMultiline : entry.multiline;
      var points = Array.from(value);
      for (var i = 0; i < points.length; i++) {
        var code = points[i].codePointAt(0), kind = null;
        rules.characters.runs.some(function (run) {
          if (code >= run[0] && code <= run[1]) { kind = multiline ? run[2] : run[3]; return true; }
          return false;
        });
        if (!kind) continue;
        var words = rules.characters.words[kind], name = fieldName(path);
        var values = { code: "U+" + code.toString(16).toUpperCase().padStart(4, "0"),
                       what: points[i] === "\t" ? "tab" : "line break", field: name };
        found.push({ code: kind, message: "character " + (i + 1) + " of " + name + " " + fill(words[0], values),
                     hint: fill(words[1], values), field: prefix(path.filter(function (p) { return typeof p !== "number"; })) });
        return;
      }
    } else if (Array.isArray(value)) {
      value.forEach(function (item, i) { characters(rules, item, path.concat([i]), names, prefix, found); });
    } else if (value && typeof value === "object") {
      Object.keys(value).forEach(function (key) { characters(rules, value[key], path.concat([key]), names, prefix, found); });
    }
  }

  function semantics(rules, data, found) {
    var order = [];
    rules.dateOrder.forEach(function (dotted) {
      var value = dotted.split(".").reduce(function (node, key) { return node && node[key]; }, data);
      if (value !== undefined) order.push({ field: dotted.split("."), day: value, name: dotted.split(".").pop() });
    });
    for (var i = 1; i < order.length; i++) {
      if (order[i].day < order[i - 1].day)
        found.push(at(say(rules, "date-order", { later_name: order[i].name, later: order[i].day,
                                                 earlier_name: order[i - 1].name, earlier: order[i - 1].day }), order[i].field));
    }
    if (data.updated && data.updated < data.posted) found.push(at(say(rules, "updated-order", { posted: data.posted }), ["updated"]));
    if (data.hours < rules.usualHours[0] || data.hours > rules.usualHours[1])
      found.push(warning(say(rules, "hours-range", { hours: data.hours, low: rules.usualHours[0], high: rules.usualHours[1] }), ["hours"]));
    var pay = data.compensation, floor = rules.pay;
    if (pay.type === "unpaid") {
      if (!floor.allowUnpaid) found.push(at(say(rules, "unpaid"), ["compensation", "type"]));
    } else {
      var hourly = pay.type === "hourly" ? pay.amount : pay.amount / Math.max(data.hours, 1);
      var rate = pay.currency === floor.currency ? 1 : floor.rates[pay.currency];
      if (!rate) found.push(warning(say(rules, "pay-unchecked", { currency: pay.currency }), ["compensation", "amount"]));
      else if (hourly * rate + 1e-9 < floor.floor) {
        var here = pay.currency === floor.currency ? floor.floor : floor.floor / rate;
        found.push(at(say(rules, pay.type === "hourly" ? "pay-below-floor" : "pay-below-floor-total", {
          hourly: money(hourly), currency: pay.currency, floor: money(floor.floor), board_currency: floor.currency,
          floor_here: money(here), total: money(here * data.hours), hours: data.hours }), ["compensation", "amount"]));
      }
    }
    var zones = new Set(rules.timezones);
    (data.location.timezones || []).forEach(function (zone) {
      if (!zones.has(zone)) found.push(at(say(rules, "timezone-unknown", { zone: repr(zone), near: "" }), ["location", "timezones"]));
    });
  }

  function orNull(value) { return value === undefined ? null : value; }
  function fold(value) { return typeof value === "string" ? value.split(/\s+/).filter(Boolean).join(" ").toLowerCase() : orNull(value); }
  /* an apply link as generator/duplicates.py compares it: scheme and host in lowercase, no fragment, no end slash */
  function applyLink(url) {
    if (typeof url !== "string" || !url.trim()) return null;
    var m = /^([^:/?#]+):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?/.exec(url.trim());
    if (!m) return null;
    var query = m[4] && m[4].length > 1 ? m[4] : "";
    return m[1].toLowerCase() + "://" + m[2].toLowerCase() + m[3].replace(/\/+$/, "") + query;
  }
  function check(rules, data, organization, orgSlug, orgFile, titles) {
    var found = [];
    var posting = function (path) { return path; };
    var schemaOk = checkSchema(rules, data, rules.schema, rules.names.posting, posting, found);
    var canonical = new Set(rules.skills.canonical);
    (Array.isArray(data.skills) ? data.skills : []).forEach(function (skill) {
      if (typeof skill !== "string" || canonical.has(skill)) return;
      var known = rules.skills.lookup[skill.trim().toLowerCase()];
      if (known) found.push(at(say(rules, "skill-alias", { skill: repr(skill), canonical: repr(known) }), ["skills"]));
      else found.push(warning(say(rules, "skill-unknown", { skill: repr(skill), near: "" }), ["skills"]));
    });
    placeholders(rules, data, [], posting, found);
    characters(rules, data, [], rules.names.posting, posting, found);
    if (schemaOk) semantics(rules, data, found);
    if (organization) {  /* a new organization: the organization.yaml the form writes */
      var inForm = function (path) { return path[0] === "owners" ? ["owners"] : ["organization"].concat(path); };
      var before = found.length;
      checkSchema(rules, organization, rules.orgSchema, rules.names.organization, inForm, found);
      placeholders(rules, organization, [], inForm, found);
      characters(rules, organization, [], rules.names.organization, inForm, found);
      if (found.slice(before).some(function (p) { return !p.warning; })) found.push(at(say(rules, "organization-invalid", { org_file: orgFile }), ["mb-org-kind"]));
    }
    if (!found.some(function (p) { return !p.warning; }) && orgSlug && typeof data.title === "string") {
      /* the same live posting twice (generator/duplicates.py): same title, place and dates; or same title and link */
      var title = data.title.trim(), where = data.location || {}, timeline = data.timeline || {};
      var identity = JSON.stringify([title.toLowerCase(), orNull(where.type), fold(where.city), fold(where.region),
                                     orNull(where.country), orNull(timeline.start), orNull(timeline.due),
                                     orNull(timeline.duration_weeks)]);
      var link = applyLink((data.apply || {}).url), clash = null, code = null;
      (titles || []).forEach(function (other) {
        if (clash) return;
        if (JSON.stringify(other.identity) === identity) { clash = other; code = "duplicate-posting"; }
      });
      (titles || []).forEach(function (other) {
        if (clash || !link || !other.link) return;
        if (other.title.toLowerCase() === title.toLowerCase() && other.link === link) { clash = other; code = "duplicate-apply-url"; }
      });
      if (clash) found.push(at(say(rules, code, { first: clash.file, title: repr(title) }), code === "duplicate-posting" ? ["title"] : ["apply", "url"]));
    }
    var seen = new Set();  /* the validator lists a problem once, however many keywords found it */
    return found.filter(function (p) {
      var key = JSON.stringify([p.field, p.code, p.message, p.hint]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }).map(function (p) {
      return { field: p.field.join("."), severity: p.warning ? "warning" : "error", code: p.code, message: p.message, hint: p.hint };
    });
  }

  /* The dotted paths of the fields `data` needs as it stands: an object's required keys once the object is
     required or begun, the keys its if/then/else asks for now, and every choice of an anyOf none meets yet. */
  function requiredNow(schema, data) {
    var found = [];
    function walk(node, value, path, live) {
      if (!live || !node || node.type !== "object") return;
      value = typeOk(value, "object") ? value : {};
      var keys = (node.required || []).slice();
      if (node.if !== undefined) {
        var branch = schemaErrors(value, node.if, path, []).length ? node.else : node.then;
        keys = keys.concat((branch && branch.required) || []);
      }
      if (node.anyOf && !node.anyOf.some(function (o) { return !schemaErrors(value, o, path, []).length; }))
        node.anyOf.forEach(function (o) { keys = keys.concat(o.required || []); });
      Object.keys(node.properties || {}).forEach(function (key) {
        var sub = node.properties[key], here = path.concat([key]);
        if (sub.type === "object") walk(sub, value[key], here, keys.indexOf(key) >= 0 || key in value);
        else if (keys.indexOf(key) >= 0) found.push(here.join("."));
      });
    }
    walk(schema, data, [], true);
    return found;
  }

  window.microboardCheck = check;
  window.microboardRequired = requiredNow;
})();
