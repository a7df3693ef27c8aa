// The guided session player. The page is already a working step-through without
// JavaScript; this script turns it into a hands-free session: Get ready, Hold or Reps,
// Switch sides, Rest, Next up ... Done, with tones, speech and vibration.
// - Time comes from stored deadlines (performance.now), never from counting ticks, so a
//   throttled tab or a locked screen catches up exactly when it wakes.
// - Each exercise is ticked through Today's own endpoints as it is done; a send that
//   fails waits in localStorage and is retried (and shown) until the server has it.
(function () {
  "use strict";
  var source = document.getElementById("player-data");
  var root = document.getElementById("player");
  if (!source || !root) return;
  var data = JSON.parse(source.textContent);
  var S = data.settings;
  var steps = data.steps;
  function $(id) {
    return document.getElementById("player-" + id);
  }
  var ui = {};
  "status phase timer unit detail ring controls start pause continue back more skip hurt sound end sending wake guidance guidance-extra finish live summary settings-link well-done"
    .split(" ")
    .forEach(function (id) {
      ui[id] = $(id);
    });
  var items = root.querySelectorAll(".player-step");
  var token = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  var LABELS = {
    idle: "Ready when you are",
    ready: "Get ready",
    hold: "Hold",
    reps: "Reps",
    switch: "Switch sides",
    rest: "Rest",
    next: "Next up",
    done: "Done",
  };
  var now = function () {
    return performance.now();
  };

  // --- State -------------------------------------------------------------------------
  var st = { i: 0, set: 1, side: 1, phase: "idle", paused: false, waiting: false };
  var timer = null;

  function step() {
    return steps[st.i];
  }
  function isWork(phase) {
    return phase === "hold" || phase === "reps";
  }
  function unfinished(from) {
    for (var j = from; j < steps.length; j++) if (!steps[j].status) return j;
    return -1;
  }

  // --- Cues: tones, speech, vibration -----------------------------------------------------
  var audio = null;
  var sound = S.tones || S.speech;
  var TONES = {
    count: [[660, 0.09]],
    start: [[880, 0.3]],
    half: [[740, 0.08], [740, 0.08]],
    rep: [[330, 0.05]],
    switch: [[520, 0.14], [780, 0.2]],
    rest: [[494, 0.16], [370, 0.26]],
    done: [[523, 0.14], [659, 0.14], [784, 0.34]],
  };
  var BUZZ = { start: [200], switch: [90, 60, 90], rest: [300], done: [90, 50, 90, 50, 260] };

  function tone(name) {
    if (navigator.vibrate && S.vibration && BUZZ[name]) navigator.vibrate(BUZZ[name]);
    if (!audio || !sound || !S.tones) return;
    var at = audio.currentTime + 0.02;
    TONES[name].forEach(function (note) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = note[0];
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.3, at + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + note[1]);
      osc.connect(gain).connect(audio.destination);
      osc.start(at);
      osc.stop(at + note[1] + 0.02);
      at += note[1] + 0.06;
    });
  }
  function say(text) {
    if (!sound || !S.speech || !window.speechSynthesis) return;
    speechSynthesis.cancel();
    speechSynthesis.speak(new SpeechSynthesisUtterance(text));
  }
  function announce(text) {
    ui.live.textContent = "";
    setTimeout(function () {
      ui.live.textContent = text;
    }, 60);
  }

  // --- The screen stays on while a session runs -----------------------------------------
  var lock = null;
  function note(text) {
    if (!ui.wake.hidden) return; // said once is enough
    ui.wake.textContent = text;
    ui.wake.hidden = false;
  }
  function keepAwake() {
    if (!("wakeLock" in navigator)) {
      note("This browser can't keep the screen on by itself. Turn off auto-lock for now, or touch the screen between exercises.");
      return;
    }
    if (lock) return;
    navigator.wakeLock.request("screen").then(
      function (l) {
        lock = l;
        l.addEventListener("release", function () {
          lock = null;
        });
      },
      function () {
        note("The screen may turn off during the session: this browser didn't let us keep it on. Touch it now and then, or turn off auto-lock for now.");
      }
    );
  }
  function letSleep() {
    if (lock) lock.release();
    lock = null;
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "visible") return;
    if (running()) keepAwake();
    loop();
  });

  // --- Ticks as you go, never silently lost ---------------------------------------------
  var OUTBOX = "backcare-player-outbox";
  var outbox = [];
  try {
    outbox = JSON.parse(localStorage.getItem(OUTBOX)) || [];
  } catch (e) {
    outbox = [];
  }
  var sending = false;
  var delay = 1000;
  function keep() {
    root.dataset.unsent = outbox.length; // what is still on its way to the server
    try {
      localStorage.setItem(OUTBOX, JSON.stringify(outbox));
    } catch (e) {
      /* private mode: the page itself still holds them */
    }
  }
  function post(url, body, name, kind) {
    outbox.push({ url: url, body: body, name: name, kind: kind });
    keep();
    flush();
  }
  function showSending(text) {
    ui.sending.textContent = text;
    ui.sending.hidden = !text;
  }
  function flush() {
    if (sending || !outbox.length) return;
    sending = true;
    var job = outbox[0];
    fetch(job.url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "X-CSRFToken": token,
        "HX-Request": "true",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: job.body,
    })
      .then(function (response) {
        if (response.status >= 500) throw new Error(response.status);
        outbox.shift();
        keep();
        sending = false;
        delay = 1000;
        if (response.ok) {
          showSending("");
          if (job.kind === "hurt") heard(response);
        } else {
          return response.text().then(function (text) {
            showSending(job.name + " wasn't saved: " + (text.replace(/<[^>]+>/g, " ").trim() || "the server said no (" + response.status + ")."));
          });
        }
        flush();
      })
      .catch(function () {
        sending = false;
        showSending("Couldn't save " + job.name + " yet. Trying again in " + Math.round(delay / 1000) + " s; your session carries on.");
        setTimeout(flush, delay);
        delay = Math.min(delay * 2, 15000);
      });
  }
  function heard(response) {
    try {
      var said = JSON.parse(response.headers.get("HX-Trigger-After-Settle"))["backcare:announce"].message;
      if (/paused/.test(said)) ui["guidance-extra"].textContent = said;
    } catch (e) {
      /* the guidance itself is already on the page */
    }
  }
  window.addEventListener("online", flush);
  root.dataset.unsent = outbox.length;
  window.addEventListener("beforeunload", function (event) {
    if (outbox.length) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  // Ticks still waiting from an earlier visit count as done here, and go now.
  outbox.forEach(function (job) {
    steps.forEach(function (s) {
      if (s.check === job.url && job.kind === "done") s.status = "done";
      if (s.hurt === job.url) s.status = "hurt";
    });
  });

  // --- Phases ----------------------------------------------------------------------------
  function running() {
    return st.phase !== "idle" && st.phase !== "done";
  }
  function seconds(phase) {
    var s = step();
    if (phase === "ready") return st.countIn ? 3 : S.getReady;
    if (phase === "hold") return s.hold;
    if (phase === "reps") return S.countReps ? s.reps * S.repSeconds : 0;
    if (phase === "switch") return S.switchSides;
    return S.rest; // rest, next
  }
  function enter(phase, at) {
    st.phase = phase;
    st.waiting = false;
    st.cued = {};
    st.duration = seconds(phase) * 1000;
    st.started = at || now();
    st.deadline = st.started + st.duration;
    if (st.resume && phase === "hold") {
      st.deadline = st.started + st.resume;
      st.resume = 0;
    }
    var quiet = now() - st.started > 1500; // catching up after a sleep: no old cues
    if (!st.duration && phase !== "done") st.waiting = true;
    render();
    var s = step();
    if (phase === "ready" && !st.countIn) st.hurt = false;
    announce(spoken(phase, s));
    if (quiet) return;
    if (phase === "ready" && !st.countIn) say(s.speech);
    if (isWork(phase)) tone("start");
    if (phase === "switch" || phase === "rest" || phase === "done") {
      tone(phase);
      say({ switch: "Switch sides.", rest: "Rest.", done: "All done. Well done." }[phase]);
    }
    if (phase === "next") {
      tone("rest");
      say("Next up: " + s.name + ".");
    }
  }
  // What the live region says when a phase begins (never every second).
  function spoken(phase, s) {
    if (phase === "done") return "Done.";
    if (phase === "ready") return st.countIn ? "Get ready." : "Get ready: " + s.name + ", " + s.dose + ".";
    if (phase === "hold") return "Hold" + (s.perSide ? (st.side === 1 ? ", first side." : ", second side.") : ".");
    if (phase === "reps") return "Reps: " + s.reps + (S.countReps ? "." : ". Press Continue when you have done them.");
    if (phase === "next") return "Next up: " + s.name + ".";
    return LABELS[phase] + ".";
  }
  function complete(status) {
    var s = step();
    if (!s.status) {
      s.status = status;
      post(status === "hurt" ? s.hurt : s.check, status === "hurt" ? "" : "done=1", s.name, status);
    }
    items[st.i].classList.add(status === "hurt" ? "player-step--hurt" : "player-step--done");
  }
  function moveOn(from, at, hold) {
    var j = unfinished(from);
    st.set = 1;
    st.side = 1;
    st.countIn = false;
    if (j < 0) return finish();
    st.i = j;
    enter("next", at);
    if (hold) wait();
  }
  // What follows the phase that just ended; `at` is when it ended, so a chain of phases
  // missed while the page slept lands exactly where it would have been.
  function advance(at) {
    var s = step();
    var phase = st.phase;
    if (phase === "ready") {
      st.countIn = false;
      return enter(s.hold ? "hold" : "reps", at);
    }
    if (isWork(phase)) {
      if (st.set < s.sets) return enter("rest", at);
      if (s.perSide && st.side === 1) return enter("switch", at);
      complete("done");
      return moveOn(st.i + 1, at);
    }
    if (phase === "rest") {
      st.set += 1;
      return enter(s.hold ? "hold" : "reps", at);
    }
    if (phase === "switch") {
      st.side = 2;
      st.set = 1;
      return enter(s.hold ? "hold" : "reps", at);
    }
    if (phase === "next") {
      st.countIn = false;
      enter("ready", at);
    }
  }
  function wait() {
    st.waiting = true;
    render();
  }
  function loop() {
    clearTimeout(timer);
    if (!running()) return;
    if (!st.paused && !st.waiting) {
      var t = now();
      while (running() && !st.waiting && t >= st.deadline) {
        if (S.autoAdvance || (st.phase === "ready" && st.countIn)) advance(st.deadline);
        else {
          wait();
          announce("Time's up. Press Continue when you're ready.");
        }
      }
      cue(t);
      draw(t);
    }
    timer = setTimeout(loop, 100);
  }
  function cue(t) {
    if (!running() || st.waiting) return;
    var left = Math.ceil((st.deadline - t) / 1000);
    if (st.phase === "reps") {
      var done = Math.floor((t - st.started) / (S.repSeconds * 1000));
      if (done > 0 && !st.cued["r" + done]) {
        st.cued["r" + done] = 1;
        tone("rep");
      }
      return;
    }
    if (left <= 3 && left >= 1 && !st.cued[left]) {
      st.cued[left] = 1;
      tone("count");
    }
    if (st.phase === "hold" && st.duration >= 20000 && !st.cued.half && st.deadline - t <= st.duration / 2) {
      st.cued.half = 1;
      tone("half");
    }
  }

  // --- Drawing -------------------------------------------------------------------------------
  function draw(t) {
    var s = step();
    var left = st.paused ? st.left : Math.max(0, st.deadline - t);
    var shown;
    if (st.phase === "reps" && s) {
      shown = S.countReps && !st.waiting ? Math.max(1, s.reps - Math.floor((st.duration - left) / (S.repSeconds * 1000))) : s.reps;
      ui.unit.textContent = "reps";
    } else {
      shown = Math.ceil(left / 1000);
      ui.unit.textContent = "seconds";
    }
    ui.timer.textContent = String(shown);
    var share = st.duration ? left / st.duration : 0;
    ui.ring.setAttribute("stroke-dashoffset", String(100 - Math.round(share * 1000) / 10));
  }
  function showStep() {
    items.forEach(function (li, index) {
      li.hidden = index !== st.i || st.phase === "done";
      li.querySelectorAll(".player-step__picture").forEach(function (picture) {
        var second = picture.dataset.side === "second";
        var mirrored = (st.side === 2 || st.phase === "switch") && st.phase !== "next";
        picture.hidden = second !== mirrored;
      });
    });
  }
  function render() {
    var s = step();
    var done = st.phase === "done";
    root.dataset.phase = st.phase;
    root.classList.toggle("player--paused", st.paused || st.phase === "idle" || st.waiting);
    document.documentElement.classList.toggle("player-on", running());
    ui.phase.textContent = st.paused ? "Paused" : LABELS[st.phase];
    var parts = [];
    if (s && !done) {
      if (isWork(st.phase)) parts.push("Set " + st.set + " of " + s.sets);
      if (st.phase === "rest") parts.push("Next: set " + (st.set + 1) + " of " + s.sets);
      if (s.perSide && st.phase !== "next" && st.phase !== "idle") parts.push(st.side === 1 && st.phase !== "switch" ? "first side" : "second side");
      if (st.phase === "idle") parts.push("Press Start, then put your phone where you can see it.");
      if (st.waiting && st.phase === "reps" && !S.countReps) parts.push("Press Continue when you've done them.");
      else if (st.waiting) parts.push("Press Continue when you're ready.");
    }
    ui.detail.textContent = parts.join(" · ");
    ui.status.hidden = done;
    ui.controls.hidden = done;
    ui.finish.hidden = !done;
    ui.start.hidden = st.phase !== "idle";
    ui.pause.hidden = !running();
    ui.pause.textContent = st.paused ? "Resume" : "Pause";
    ui["continue"].hidden = !st.waiting || st.paused;
    root.querySelectorAll(".player__row").forEach(function (row) {
      row.hidden = !running();
    });
    ui.more.disabled = !running() || (st.phase === "reps" && !st.waiting);
    ui.guidance.hidden = !(st.hurt && (st.phase === "next" || done));
    ui["settings-link"].hidden = st.phase !== "idle";
    // Pain before belongs to the start; afterwards "How did it go?" asks about pain.
    var pain = document.querySelector(".player__pain");
    if (pain) pain.hidden = st.phase !== "idle";
    showStep();
    if (done) summarize();
    draw(now());
  }
  function summarize() {
    var done = steps.filter(function (s) {
      return s.status === "done";
    }).length;
    ui["well-done"].textContent =
      done === steps.length
        ? "Well done: every exercise is done and ticked off."
        : done
          ? "Well done: " + done + " of " + steps.length + " done and ticked off. Every bit of movement counts."
          : "Nothing was ticked off this time, and that's all right. You can try again whenever you like.";
    ui.summary.querySelectorAll("li").forEach(function (li, index) {
      var s = steps[index];
      var what = s.status === "done" ? "✓ done" : s.status === "hurt" ? "stopped because it hurt" : "not done";
      li.textContent = s.name + ": " + what;
    });
  }
  function finish() {
    st.phase = "done";
    st.paused = false;
    letSleep();
    clearTimeout(timer);
    render();
    enterDoneCues();
    var heading = document.getElementById("finish-heading");
    heading.tabIndex = -1;
    heading.focus();
  }
  function enterDoneCues() {
    announce("Done. How did it go?");
    tone("done");
    say("All done. Well done.");
  }

  // --- Controls --------------------------------------------------------------------------------
  function togglePause() {
    if (!running()) return;
    var t = now();
    if (!st.paused) {
      st.paused = true;
      st.left = Math.max(0, st.deadline - t);
      announce("Paused.");
      if (window.speechSynthesis) speechSynthesis.cancel();
      return render();
    }
    st.paused = false;
    if (st.phase === "hold" && !st.waiting && st.left > 0) {
      // Back into a hold gently: three seconds to settle, then the hold carries on.
      st.resume = st.left;
      st.countIn = true;
      enter("ready", t);
      st.countIn = true;
    } else {
      st.deadline = t + st.left;
      announce("Resumed.");
      render();
    }
    loop();
  }
  function advanceNow() {
    if (!st.waiting) return;
    st.waiting = false;
    advance(now());
    loop();
  }
  ui.start.addEventListener("click", function () {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (Context && !audio) audio = new Context(); // started by the tap, as browsers ask
    if (window.speechSynthesis) speechSynthesis.cancel();
    keepAwake();
    st.countIn = false;
    enter("ready");
    ui.pause.focus();
    loop();
  });
  ui.pause.addEventListener("click", togglePause);
  ui["continue"].addEventListener("click", function () {
    advanceNow();
    ui.pause.focus();
  });
  ui.more.addEventListener("click", function () {
    if (!running()) return;
    if (st.paused) st.left += 10000;
    else if (st.waiting) {
      st.waiting = false;
      st.deadline = now() + 10000;
    } else st.deadline += 10000;
    st.duration += 10000;
    st.cued = {};
    announce("Ten more seconds.");
    render();
    loop();
  });
  ui.skip.addEventListener("click", function () {
    if (!running()) return;
    st.paused = false;
    st.hurt = false;
    announce("Skipped " + step().name + ".");
    moveOn(st.i + 1);
    loop();
  });
  ui.back.addEventListener("click", function () {
    if (!running()) return;
    st.paused = false;
    st.hurt = false;
    st.i = Math.max(0, st.i - 1);
    st.set = 1;
    st.side = 1;
    st.countIn = false;
    enter("ready");
    loop();
  });
  ui.hurt.addEventListener("click", function () {
    if (!running()) return;
    st.paused = false;
    var name = step().name;
    complete("hurt");
    st.hurt = true;
    moveOn(st.i + 1, now(), true);
    announce("Stopped " + name + ". " + ui.guidance.textContent.trim());
    loop();
  });
  ui.end.addEventListener("click", finish);
  ui.sound.addEventListener("click", function () {
    sound = !sound;
    ui.sound.setAttribute("aria-pressed", String(sound));
    var Context = window.AudioContext || window.webkitAudioContext;
    if (sound && Context && !audio) audio = new Context();
    if (!sound && window.speechSynthesis) speechSynthesis.cancel();
  });
  // Space pauses and resumes while the player has focus (a button keeps its own Space).
  root.addEventListener("keydown", function (event) {
    if (event.key !== " " || !running()) return;
    if (event.target.closest("button, a, input, textarea, select, summary")) return;
    event.preventDefault();
    togglePause();
  });
  // Leaving mid-session by the page's own links keeps every tick: they are already sent.
  ui["guidance-extra"].textContent = "";
  ui.sound.setAttribute("aria-pressed", String(sound));
  ui.status.hidden = false;
  ui.controls.hidden = false;
  // Resume at the first exercise not yet done (the server's count, plus any tick still
  // waiting to be sent from an earlier visit).
  var first = unfinished(data.start);
  st.i = Math.max(0, first);
  if (first < 0) {
    st.phase = "done";
    render();
  } else {
    render();
    ui.timer.textContent = String(step().hold || step().reps);
    ui.unit.textContent = step().hold ? "seconds" : "reps";
  }
  flush();
})();
