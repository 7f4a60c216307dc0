/* Microboard posting search over the build's word index (search/index.json and its pieces).
 *
 * One function, window.microboardSearch(query, base): a promise of
 *   { words: the query's folded words, rows: matching rows of board.json (ascending),
 *     nearest: [{ word, nearest }] for typed words no posting uses, with the closest word that one does
 *     (or null), total: open postings, details(rows): a promise of [page path, title, organization, posted] each,
 *     text: the index's words for results shown outside the board, board: the board's path from the root,
 *     weigh(facts): how well a posting's field, place, skills and title hold the query's words, for ranking }.
 * `base` is the site root relative to the page ("./", "../../"). Words fold by the build's rule (in
 * index.json: case, accents and apostrophes do not count); a word of five letters or more forgives
 * one slip (a letter missing, extra, wrong or two swapped) after its first letter; a word matches the
 * words it begins; all words of a query must match. Only the index's pieces that hold the query's
 * words are downloaded, once each.
 * microboardSearch.words(text, rules) is the folding rule itself, for tests that compare it with
 * the build's.
 */
(function () {
  "use strict";

  var SUGGEST_DISTANCE = 2;
  var boards = {};          // per site root: the index and the pieces fetched so far

  function escape(text) {
    return text.replace(/[\\\]\[^$.*+?(){}|\-]/g, "\\$&");
  }

  function folder(rules) {
    var apostrophes = new RegExp("[" + escape(rules.apostrophes) + "]", "g");
    var keys = Object.keys(rules.letters);
    var letters = keys.length ? new RegExp(keys.map(escape).join("|"), "g") : null;
    return function (text) {
      var folded = String(text).toLowerCase().normalize("NFKD").replace(/\p{Mn}/gu, "").replace(apostrophes, "");
      return letters ? folded.replace(letters, function (m) { return rules.letters[m]; }) : folded;
    };
  }

  function words(text, rules) {
    return folder(rules)(text).match(/[\p{L}\p{N}]+/gu) || [];
  }

  function json(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  function open(base) {
    if (!boards[base]) {
      var board = boards[base] = { base: base, files: {} };
      board.ready = json(base + "search/index.json").then(function (index) {
        board.index = index;
        board.fold = folder(index.fold);
        return board;
      });
      board.ready.catch(function () { delete boards[base]; });
    }
    return boards[base].ready;
  }

  function file(board, name) {
    if (!board.files[name]) {
      board.files[name] = json(board.base + "search/" + name);
      board.files[name].catch(function () { delete board.files[name]; });
    }
    return board.files[name];
  }

  // The last run whose start is at or before `key` (runs are sorted by their start).
  function runAt(starts, key, of) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (of(starts[mid]) <= key) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // Vocabulary runs that hold the words from `low` to `high`, with each run's start.
  function vocabulary(board, low, high) {
    var runs = board.index.vocabulary;
    if (!runs.length) return Promise.resolve([]);
    var first = function (run) { return run[0]; };
    var from = runAt(runs, low, first), to = runAt(runs, high, first);
    var wanted = [];
    for (var r = from; r <= to; r++) wanted.push(r);
    return Promise.all(wanted.map(function (r) {
      return file(board, "words-" + r + ".json").then(function (run) {
        return { start: runs[r][1], words: run.words, counts: run.counts };
      });
    }));
  }

  // Optimal string alignment distance, or limit + 1 once it is certainly above the limit.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = null, prev = [], row;
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, prev2[j - 2] + 1);
        }
        row.push(value);
        if (value < best) best = value;
      }
      if (best > limit) return limit + 1;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  function isCjk(word) {
    return /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]|[\ud840-\ud8bf][\udc00-\udfff]/.test(word);
  }

  // Vocabulary numbers of the words whose key in the slip index (the word without its second letter) is `key`.
  function skipped(board, key) {
    var starts = board.index.skips;
    if (!starts.length) return Promise.resolve([]);
    var r = runAt(starts, key, function (s) { return s; });
    return file(board, "skips-" + r + ".json").then(function (run) {
      var out = [];
      for (var k = 0; k < run.keys.length; k++) if (run.keys[k] === key) out.push(run.words[k]);
      return out;
    });
  }

  // The vocabulary numbers of the words a typed word stands for, and the closest word when none.
  // A slip keeps the first two letters, or is at the second letter: the slip index and two exact words
  // cover those (search_index.py, _skip_runs), so a query never loads every word with its first letter.
  function match(board, word) {
    var prefix = word.length > 1 || isCjk(word);
    var slips = word.length >= board.index.typoFrom;  // letters: a shorter word must be typed as it is
    var narrow = slips && board.index.skips && !/[\ud800-\udfff]/.test(word);
    var low = narrow ? word.slice(0, 2) : slips ? word.charAt(0) : word;
    var lookups = [vocabulary(board, low, prefix ? low + "\uffff" : word)];
    if (narrow) {
      var without = word.charAt(0) + word.slice(2);
      var swapped = word.charAt(0) + word.charAt(2) + word.charAt(1) + word.slice(3);
      lookups.push(vocabulary(board, without, without), vocabulary(board, swapped, swapped),
                   skipped(board, without), skipped(board, word));
    }
    return Promise.all(lookups).then(function (parts) {
      var found = [], seen = {}, runsSeen = {}, nearest = null, nearestDistance = SUGGEST_DISTANCE + 1, nearestCount = 0;
      function add(number) { if (!seen[number]) { seen[number] = true; found.push(number); } }
      parts.slice(0, narrow ? 3 : 1).forEach(function (runs) {
        runs.forEach(function (run) {
          if (runsSeen[run.start]) return;
          runsSeen[run.start] = true;
          for (var k = 0; k < run.words.length; k++) {
            var candidate = run.words[k];
            if (candidate === word || (prefix && candidate.lastIndexOf(word, 0) === 0)
                || (slips && candidate.charAt(0) === word.charAt(0) && distance(word, candidate, 1) <= 1)) {
              add(run.start + k);
            }
          }
        });
      });
      parts.slice(3).forEach(function (numbers) { numbers.forEach(add); });
      if (found.length || word.length < 3) return { found: found, nearest: null };
      // Nothing: the nearest word used by a posting (fewest changes, then most postings).
      return vocabulary(board, word.charAt(0), word.charAt(0) + "\uffff").then(function (runs) {
        runs.forEach(function (run) {
          for (var k = 0; k < run.words.length; k++) {
            var d = distance(word, run.words[k], SUGGEST_DISTANCE);
            if (d < nearestDistance || (d === nearestDistance && run.counts[k] > nearestCount)) {
              nearest = run.words[k]; nearestDistance = d; nearestCount = run.counts[k];
            }
          }
        });
        return { found: found, nearest: nearestDistance <= SUGGEST_DISTANCE ? nearest : null };
      });
    });
  }

  // Rows (ascending) of the postings that use any of these vocabulary numbers.
  function rowsOf(board, numbers) {
    var starts = board.index.pieces, byPiece = {};
    numbers.forEach(function (g) {
      var p = runAt(starts, g, function (s) { return s; });
      (byPiece[p] = byPiece[p] || []).push(g - starts[p]);
    });
    var flags = new Uint8Array(board.index.total);
    return Promise.all(Object.keys(byPiece).map(function (p) {
      return file(board, "postings-" + p + ".json").then(function (piece) {
        byPiece[p].forEach(function (local) {
          var row = 0, gaps = piece[local];
          for (var i = 0; i < gaps.length; i++) { row += gaps[i]; flags[row] = 1; }
        });
      });
    })).then(function () { return flags; });
  }

  function details(board, rows) {
    var size = board.index.rowsPerChunk, chunks = {};
    rows.forEach(function (row) { chunks[Math.floor(row / size)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) {
      return file(board, "rows-" + c + ".json").then(function (chunk) { chunks[c] = chunk; });
    })).then(function () {
      return rows.map(function (row) { return chunks[Math.floor(row / size)][row % size]; });
    });
  }

  // Ranking: how well a posting's card facts hold the query's words. Each word counts the weight of the best
  // fact with a word it begins; the field and place weigh most, then a skill, then the title, and words only in
  // the text count nothing. facts: { field, place, title: texts, skills: [texts] }.
  var WEIGHTS = { field: 3, place: 3, skill: 2, title: 1 };

  function weigher(board, typed) {
    var cache = {};
    function has(text, word) {
      var list = cache[text] || (cache[text] = board.fold(text).match(/[\p{L}\p{N}]+/gu) || []);
      for (var i = 0; i < list.length; i++) if (list[i].lastIndexOf(word, 0) === 0) return true;
      return false;
    }
    return function (facts) {
      var score = 0;
      typed.forEach(function (word) {
        var best = 0;
        if (has(facts.field, word) || has(facts.place, word)) best = WEIGHTS.field;
        for (var s = 0; !best && s < facts.skills.length; s++) if (has(facts.skills[s], word)) best = WEIGHTS.skill;
        if (!best && has(facts.title, word)) best = WEIGHTS.title;
        score += best;
      });
      return score;
    };
  }

  function microboardSearch(query, base) {
    return open(base).then(function (board) {
      var typed = words(query, board.index.fold).filter(function (w, i, all) { return all.indexOf(w) === i; });
      return Promise.all(typed.map(function (word) { return match(board, word); })).then(function (matches) {
        return Promise.all(matches.map(function (m) { return rowsOf(board, m.found); })).then(function (sets) {
          var rows = [];
          if (typed.length) {
            for (var row = 0; row < board.index.total; row++) {
              var all = true;
              for (var s = 0; s < sets.length; s++) if (!sets[s][row]) { all = false; break; }
              if (all) rows.push(row);
            }
          }
          var nearest = [];
          matches.forEach(function (m, i) {
            if (!m.found.length) nearest.push({ word: typed[i], nearest: m.nearest });
          });
          return { words: typed, rows: rows, nearest: nearest, total: board.index.total, text: board.index.words,
                   board: board.index.board, weigh: weigher(board, typed),
                   details: function (some) { return details(board, some); } };
        });
      });
    });
  }

  microboardSearch.words = words;
  window.microboardSearch = microboardSearch;
})();
