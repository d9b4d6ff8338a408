// Appended to the Emscripten glue (--post-js, wasm/CMakeLists.txt): the module's call surface over
// the C exports of binding.cpp. Text crosses as UTF-8 bytes written and read with the browser's
// native TextEncoder/TextDecoder (embind's string conversion is a JS loop per character).
// Runs inside the module factory: HEAPU8 and the _yilu_* exports are the glue's own.

var yiluEncoder = new TextEncoder();
var yiluDecoder = new TextDecoder();

var yiluAt = 0; // the input buffer (binding.cpp's input()): it only moves when it grows
var yiluRoom = 0;

// Writes `text` as UTF-8 into the core's input buffer; returns the byte count.
function yiluPut(text) {
  var n = text.length;
  var room = n * 3; // the most UTF-8 bytes a UTF-16 string can need
  if (room > yiluRoom) {
    yiluAt = _yilu_input(room); // may grow the memory: HEAPU8 is read after it
    yiluRoom = room;
  }
  // A short ASCII value (an ID, a mobile number typed key by key) is copied directly: cheaper
  // than a call into the encoder.
  if (n <= 32) {
    var heap = HEAPU8;
    var i = 0;
    for (; i < n; i++) {
      var c = text.charCodeAt(i);
      if (c > 127) break;
      heap[yiluAt + i] = c;
    }
    if (i === n) return n;
  }
  return yiluEncoder.encodeInto(text, HEAPU8.subarray(yiluAt, yiluAt + room)).written;
}

function yiluCall(request, now) {
  var length = yiluPut(String(request));
  var at = _yilu_call(length, now);
  return yiluDecoder.decode(HEAPU8.subarray(at, at + _yilu_output_length()));
}

/** One request (JSON text), one response (JSON text); today and now from the page's clock. */
Module['call'] = function (request) {
  return yiluCall(request, -1);
};

/** The same with the caller's clock, in seconds since the epoch (tests, replays). */
Module['callAt'] = function (request, now) {
  return yiluCall(request, Number(now));
};

// The answers of the typed checks, one frozen object per reason number, shared by every call
// (a check per keystroke allocates nothing): the reason's code and message are asked of the JSON
// op once (the core owns both), then reused.
var yiluValid = Object.freeze({ valid: true });
var yiluReasons = [];

function yiluCheck(which, check, value) {
  var length = yiluPut(String(value));
  var reason = check(length, Date.now() / 1000); // the clock: check_id's today, ignored by the others
  if (reason === 0) return yiluValid;
  var key = which * 256 + reason; // a number: no string built per invalid value
  var known = yiluReasons[key];
  if (!known) {
    var at = _yilu_check_answer(which, length); // the same value, still in the input buffer
    var answer = JSON.parse(yiluDecoder.decode(HEAPU8.subarray(at, at + _yilu_output_length())));
    known = yiluReasons[key] = Object.freeze({ valid: false, reason: answer.reason, message: answer.message });
  }
  return known;
}

/** Per-keystroke checks without JSON: { valid } or { valid: false, reason, message } as check_id,
 *  check_uscc and check_mobile answer them (frozen: the same object for the same answer). */
Module['checkId'] = function (value) {
  return yiluCheck(0, _yilu_check_id, value);
};
Module['checkUscc'] = function (value) {
  return yiluCheck(1, _yilu_check_uscc, value);
};
Module['checkMobile'] = function (value) {
  return yiluCheck(2, _yilu_check_mobile, value);
};
