// IndexedDB binding for the ledger (linked with --js-library; no Asyncify).
//
// Database "hearth" (version 1):
//   meta    key "device" → the 16-byte device id
//   events  key seq (number) → the event's exact bytes (ArrayBuffer)
// Every call completes by calling back into C++ (_hearth_idb_done); an append reports
// success only from the transaction's "complete" event with durability "strict", i.e. once
// the browser has flushed it to disk. `add` (never `put`) refuses an existing seq, so a
// second writer can never overwrite the ledger.
mergeInto(LibraryManager.library, {
  $HearthIdb: {
    db: null,
    // C++ StoreError kinds, by outcome
    kindOf: function (err) {
      var name = err && err.name || '';
      if (name === 'QuotaExceededError') return 1;             // quota
      if (name === 'ConstraintError') return 2;                // conflict
      if (name === 'SecurityError' || name === 'InvalidStateError') return 3;   // unavailable
      return 4;                                                // failed
    },
    done: function (req, kind, detail, ptr, len) {
      var d = 0;
      if (detail) {
        var n = lengthBytesUTF8(detail) + 1;
        d = _malloc(n);
        stringToUTF8(detail, d, n);
      }
      Module['_hearth_idb_done'](req, kind, d, ptr || 0, len || 0);   // C++ frees d and ptr
      if (Module['_hearth_wake']) Module['_hearth_wake']();            // show the outcome now
    },
    describe: function (err, fallback) {
      return err ? (err.name || 'Error') + (err.message ? ': ' + err.message : '') : fallback;
    },
  },

  hearth_idb_open__deps: ['$HearthIdb', 'malloc'],
  hearth_idb_open: function (namePtr, devicePtr, req) {
    var name = UTF8ToString(namePtr);
    var fresh = HEAPU8.slice(devicePtr, devicePtr + 16);
    var idb;
    try { idb = globalThis.indexedDB; } catch (e) { idb = null; }   // some private modes throw on access
    if (!idb) { HearthIdb.done(req, 3, 'IndexedDB is not available in this browser'); return; }
    var r;
    try { r = idb.open(name, 1); } catch (e) { HearthIdb.done(req, 3, HearthIdb.describe(e, 'open failed')); return; }
    r.onupgradeneeded = function () {
      var db = r.result;
      if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
      if (!db.objectStoreNames.contains('events')) db.createObjectStore('events');
    };
    r.onblocked = function () { HearthIdb.done(req, 2, 'the database is blocked by another open window'); };
    r.onerror = function (ev) { ev.preventDefault(); HearthIdb.done(req, HearthIdb.kindOf(r.error), HearthIdb.describe(r.error, 'open failed')); };
    r.onsuccess = function () {
      var db = r.result;
      HearthIdb.db = db;
      db.onversionchange = function () { db.close(); };   // let a newer version of the app upgrade
      var device = null, created = 0, events = [], tx;
      try {
        tx = db.transaction(['meta', 'events'], 'readwrite', { durability: 'strict' });
      } catch (e) { HearthIdb.done(req, HearthIdb.kindOf(e), HearthIdb.describe(e, 'cannot read the ledger')); return; }
      var meta = tx.objectStore('meta');
      meta.get('device').onsuccess = function (ev) {
        if (ev.target.result) { device = new Uint8Array(ev.target.result); return; }
        device = fresh; created = 1;
        meta.add(fresh.buffer, 'device');
      };
      tx.objectStore('events').getAll().onsuccess = function (ev) { events = ev.target.result; };
      tx.oncomplete = function () {
        // [16 device][1 created][u32 count] then per event [u32 length][bytes], little-endian
        var total = 21;
        for (var i = 0; i < events.length; i++) total += 4 + events[i].byteLength;
        var p = _malloc(total);
        if (!p) { HearthIdb.done(req, 4, 'out of memory reading ' + total + ' bytes'); return; }
        var dv = new DataView(HEAPU8.buffer, p, total), o = 0;
        HEAPU8.set(device, p); o = 16;
        dv.setUint8(o, created); o += 1;
        dv.setUint32(o, events.length, true); o += 4;
        for (var k = 0; k < events.length; k++) {
          var b = new Uint8Array(events[k]);
          dv.setUint32(o, b.length, true); o += 4;
          HEAPU8.set(b, p + o); o += b.length;
        }
        HearthIdb.done(req, 0, null, p, total);
      };
      tx.onabort = function () { HearthIdb.done(req, HearthIdb.kindOf(tx.error), HearthIdb.describe(tx.error, 'reading the ledger was aborted')); };
    };
  },

  hearth_idb_append__deps: ['$HearthIdb'],
  hearth_idb_append: function (framesPtr, framesLen, firstSeq, count, req) {
    if (!HearthIdb.db) { HearthIdb.done(req, 3, 'the database is not open'); return; }
    // copy out of the wasm heap now: it may grow (and move) before the transaction runs
    var frames = HEAPU8.slice(framesPtr, framesPtr + framesLen);
    var tx;
    try {
      tx = HearthIdb.db.transaction('events', 'readwrite', { durability: 'strict' });
    } catch (e) { HearthIdb.done(req, HearthIdb.kindOf(e), HearthIdb.describe(e, 'cannot start a transaction')); return; }
    var answered = false;
    function answer(kind, detail) { if (!answered) { answered = true; HearthIdb.done(req, kind, detail); } }
    tx.oncomplete = function () { answer(0, null); };
    tx.onabort = function () { answer(HearthIdb.kindOf(tx.error), HearthIdb.describe(tx.error, 'the write was aborted')); };
    try {
      var store = tx.objectStore('events'), dv = new DataView(frames.buffer), o = 0;
      for (var i = 0; i < count; i++) {
        var len = dv.getUint32(o, true); o += 4;
        store.add(frames.slice(o, o + len).buffer, firstSeq + i);
        o += len;
      }
    } catch (e) {
      // all or none: nothing of this batch may commit once one add has failed
      try { tx.abort(); } catch (ignored) { /* already finished */ }
      answer(HearthIdb.kindOf(e), HearthIdb.describe(e, 'the write could not be started'));
    }
  },
});
