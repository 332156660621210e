// IndexedDB binding for the device's store (linked with --js-library; no Asyncify).
//
// Database "hearth", schema version 3 (version 1 had only meta.device and events; version 2
// added snapshots; version 3 adds received and held, the district's merge):
//   meta       "device"   → the 16-byte device id
//              "head"     → [u64 seq][32-byte hash] of the last event, written in the same
//                           transaction as every append (absent in a version-1 store until
//                           the app has checked its chain once)
//              "exported" → seq: this device's events ≤ it are in a bundle (issue 5)
//              "named:" + name → a small named value (effects.hpp kMeta*: the encrypted key
//                           file, the certificate, the district's receipt). Never in a backup:
//                           dump leaves them out and replace keeps them.
//   events     seq → the event's exact bytes
//   snapshots  [seq, part] → a piece of the snapshot covering events ≤ seq (pieces of at most
//              kPart bytes, so no single value is huge)
//   received   arrival → the exact bytes of another device's event (the district's merge)
//   held       [device hex, first, last] → a bundle waiting for a gap: the C++ encoding
//              [i64 received_ms][u32 n][name][u32 n][signed bundle] (web_idb_store.cpp)
// Every call completes by calling back into C++ (_hearth_idb_done). A write reports success
// only from its transaction's "complete" event with durability "strict", i.e. once the browser
// has flushed it to disk. Appends use `add` (never `put`): an existing seq is refused, so a
// second writer can never overwrite the ledger. Binary replies are little-endian; u64 values
// travel as two u32 halves (seqs stay far below 2^53).
mergeInto(LibraryManager.library, {
  $HearthIdb: {
    db: null,
    conflict: null,   // why the current write aborted itself (a conflict), if it did
    kSchema: 3,
    kNamed: 'named:',
    kPart: 16 * 1024 * 1024,
    // C++ StoreError kinds, by outcome
    kindOf: function (err) {
      var name = err && err.name || '';
      if (name === 'QuotaExceededError') return 1;             // quota
      if (name === 'ConstraintError') return 2;                // conflict
      if (name === 'SecurityError' || name === 'InvalidStateError') return 3;   // unavailable
      if (name === 'VersionError') return 5;                   // newer: written by a later version of the app
      return 4;                                                // failed
    },
    done: function (req, kind, detail, bytes) {
      var d = 0, p = 0, n = 0;
      if (detail) {
        var dn = lengthBytesUTF8(detail) + 1;
        d = _malloc(dn);
        stringToUTF8(detail, d, dn);
      }
      if (bytes && bytes.ptr !== undefined) {   // already in the wasm heap
        p = bytes.ptr; n = bytes.len;
      } else if (bytes) {
        n = bytes.length;
        p = _malloc(Math.max(1, n));
        if (!p) { kind = 4; detail = null; n = 0; }
        else HEAPU8.set(bytes, p);
      }
      Module['_hearth_idb_done'](req, kind, d, p, n);   // C++ frees d and p
      if (Module['_hearth_show_outcome']) Module['_hearth_show_outcome']();   // show the outcome now
    },
    describe: function (err, fallback) {
      return err ? (err.name || 'Error') + (err.message ? ': ' + err.message : '') : fallback;
    },
    // A growing little-endian buffer for replies.
    Writer: function () {
      var buf = new Uint8Array(1024), dv = new DataView(buf.buffer), o = 0;
      function room(n) {
        if (o + n <= buf.length) return;
        var bigger = new Uint8Array(Math.max(buf.length * 2, o + n));
        bigger.set(buf.subarray(0, o));
        buf = bigger; dv = new DataView(buf.buffer);
      }
      this.u8 = function (v) { room(1); dv.setUint8(o, v); o += 1; };
      this.u32 = function (v) { room(4); dv.setUint32(o, v >>> 0, true); o += 4; };
      this.u64 = function (v) { room(8); dv.setUint32(o, v % 4294967296, true); dv.setUint32(o + 4, Math.floor(v / 4294967296), true); o += 8; };
      this.bytes = function (b) { b = new Uint8Array(b); room(b.length); buf.set(b, o); o += b.length; };
      this.blob = function (b) { b = new Uint8Array(b); this.u32(b.length); this.bytes(b); };
      this.result = function () { return buf.subarray(0, o); };
    },
    Reader: function (bytes) {
      var dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), o = 0;
      this.u8 = function () { return dv.getUint8(o++); };
      this.u32 = function () { var v = dv.getUint32(o, true); o += 4; return v; };
      this.u64 = function () { var v = dv.getUint32(o, true) + dv.getUint32(o + 4, true) * 4294967296; o += 8; return v; };
      this.bytes = function (n) { var b = bytes.slice(o, o + n); o += n; return b.buffer; };
      this.blob = function () { return this.bytes(this.u32()); };
    },
    // Runs `fill(tx)` in one transaction and answers from its outcome: success only on
    // "complete", all or none.
    write: function (req, stores, fill, reply) {
      if (!HearthIdb.db) { HearthIdb.done(req, 3, 'the database is not open'); return; }
      var tx, answered = false;
      function answer(kind, detail, bytes) { if (!answered) { answered = true; HearthIdb.done(req, kind, detail, bytes); } }
      try {
        tx = HearthIdb.db.transaction(stores, 'readwrite', { durability: 'strict' });
      } catch (e) { answer(HearthIdb.kindOf(e), HearthIdb.describe(e, 'cannot start a transaction')); return; }
      tx.oncomplete = function () { answer(0, null, reply ? reply() : null); };
      tx.onabort = function () {
        if (HearthIdb.conflict) { var why = HearthIdb.conflict; HearthIdb.conflict = null; answer(2, why); return; }
        answer(HearthIdb.kindOf(tx.error), HearthIdb.describe(tx.error, 'the write was aborted'));
      };
      try { fill(tx); } catch (e) {
        // all or none: nothing of this transaction may commit once one request has failed
        try { tx.abort(); } catch (ignored) { /* already finished */ }
        answer(HearthIdb.kindOf(e), HearthIdb.describe(e, 'the write could not be started'));
      }
    },
    read: function (req, stores, fill, reply) {
      if (!HearthIdb.db) { HearthIdb.done(req, 3, 'the database is not open'); return; }
      var tx;
      try { tx = HearthIdb.db.transaction(stores, 'readonly'); } catch (e) { HearthIdb.done(req, HearthIdb.kindOf(e), HearthIdb.describe(e, 'cannot read')); return; }
      tx.oncomplete = function () {
        var out;
        try { out = reply(); } catch (e) { HearthIdb.done(req, 4, HearthIdb.describe(e, 'cannot assemble the reply')); return; }
        if (out === null) return;   // the reply continues in another transaction, which answers
        HearthIdb.done(req, 0, null, out);   // (a reply written into the heap is freed by C++ like any other)
      };
      tx.onabort = function () { HearthIdb.done(req, HearthIdb.kindOf(tx.error), HearthIdb.describe(tx.error, 'reading was aborted')); };
      try { fill(tx); } catch (e) { try { tx.abort(); } catch (ignored) { /* done */ } }
    },
    snapshotSeqs: function (keys) {   // [[seq, part]…] → distinct seqs, newest first
      var seen = {}, out = [];
      for (var i = 0; i < keys.length; i++) if (!seen[keys[i][0]]) { seen[keys[i][0]] = 1; out.push(keys[i][0]); }
      return out.sort(function (a, b) { return b - a; });
    },
    putSnapshot: function (store, seq, bytes) {
      for (var part = 0, o = 0; o < bytes.length || part === 0; part++, o += HearthIdb.kPart)
        store.put(bytes.slice(o, Math.min(bytes.length, o + HearthIdb.kPart)).buffer, [seq, part]);
    },
    hex: function (b) {
      var s = '';
      for (var i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
      return s;
    },
    namedRange: function () { return IDBKeyRange.bound(HearthIdb.kNamed, HearthIdb.kNamed + '\uffff'); },
    // Reads [u32 n]{[u64 arrival][blob]} [u32 n]{[16 device][u64 first][u64 last][blob]}
    // [u32 n]{[16 device][u64 first][u64 last]} (web_idb_store.cpp receive and replace).
    readReceive: function (r) {
      var out = { events: [], hold: [], release: [] }, n, i;
      for (n = r.u32(), i = 0; i < n; i++) { var a = r.u64(); out.events.push([a, r.blob()]); }
      for (n = r.u32(), i = 0; i < n; i++) { var d = HearthIdb.hex(new Uint8Array(r.bytes(16))), f = r.u64(), l = r.u64(); out.hold.push([[d, f, l], r.blob()]); }
      for (n = r.u32(), i = 0; i < n; i++) { var d2 = HearthIdb.hex(new Uint8Array(r.bytes(16))), f2 = r.u64(), l2 = r.u64(); out.release.push([d2, f2, l2]); }
      return out;
    },
    // [u32 n]{[u64 arrival][blob]} [u32 n]{[blob]}
    writeReceived: function (w, keys, values, held) {
      var i;
      w.u32(values.length);
      for (i = 0; i < values.length; i++) { w.u64(keys[i]); w.blob(values[i]); }
      w.u32(held.length);
      for (i = 0; i < held.length; i++) w.blob(held[i]);
    },
    joinParts: function (parts) {
      var n = 0, i;
      for (i = 0; i < parts.length; i++) n += parts[i].byteLength;
      var out = new Uint8Array(n), o = 0;
      for (i = 0; i < parts.length; i++) { out.set(new Uint8Array(parts[i]), o); o += parts[i].byteLength; }
      return out;
    },
  },

  hearth_idb_open__deps: ['$HearthIdb', 'malloc'],
  hearth_idb_open: function (namePtr, devicePtr, req) {
    var name = UTF8ToString(namePtr);
    var fresh = HEAPU8.slice(devicePtr, devicePtr + 16);
    var idb;
    try { idb = globalThis.indexedDB; } catch (e) { idb = null; }   // some private modes throw on access
    if (!idb) { HearthIdb.done(req, 3, 'IndexedDB is not available in this browser'); return; }
    var r, upgradedFrom = 0;
    try { r = idb.open(name, HearthIdb.kSchema); } catch (e) { HearthIdb.done(req, 3, HearthIdb.describe(e, 'open failed')); return; }
    r.onupgradeneeded = function (ev) {
      // each step brings a store of version v to v + 1; data is never rewritten
      var db = r.result;
      if (ev.oldVersion > 0) upgradedFrom = ev.oldVersion;
      if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
      if (!db.objectStoreNames.contains('events')) db.createObjectStore('events');
      if (!db.objectStoreNames.contains('snapshots')) db.createObjectStore('snapshots');
      if (!db.objectStoreNames.contains('received')) db.createObjectStore('received');
      if (!db.objectStoreNames.contains('held')) db.createObjectStore('held');
    };
    r.onblocked = function () { HearthIdb.done(req, 2, 'an older version of the app is open in another window: close it'); };
    r.onerror = function (ev) { ev.preventDefault(); HearthIdb.done(req, HearthIdb.kindOf(r.error), HearthIdb.describe(r.error, 'open failed')); };
    r.onsuccess = function () {
      var db = r.result;
      if (HearthIdb.db && HearthIdb.db !== db) HearthIdb.db.close();   // a reopen (after a restore) replaces the connection
      HearthIdb.db = db;
      db.onversionchange = function () { db.close(); HearthIdb.db = null; };   // let a newer version of the app upgrade
      var device = null, created = 0, head = null, exported = 0, snapKeys = [], first = 0, last = 0;
      var namedKeys = [], namedValues = [], received = 0;
      function reply() {
        var w = new HearthIdb.Writer(), seqs = HearthIdb.snapshotSeqs(snapKeys);
        w.bytes(device); w.u8(created); w.u32(upgradedFrom);
        if (head && head.length === 40) { w.u8(1); w.bytes(head); } else { w.u8(0); w.bytes(new Uint8Array(40)); }
        w.u64(exported); w.u64(first); w.u64(last);
        w.u32(seqs.length);
        for (var i = 0; i < seqs.length; i++) w.u64(seqs[i]);
        w.u64(received);
        w.u32(namedKeys.length);
        for (i = 0; i < namedKeys.length; i++) {
          w.blob(new TextEncoder().encode(namedKeys[i].slice(HearthIdb.kNamed.length)));
          w.blob(namedValues[i]);
        }
        return w.result();
      }
      // read-only (no disk flush) unless this is a new store that needs its device id
      HearthIdb.read(req, ['meta', 'events', 'snapshots', 'received'], function (tx) {
        var meta = tx.objectStore('meta'), events = tx.objectStore('events');
        meta.getAllKeys(HearthIdb.namedRange()).onsuccess = function (ev) { namedKeys = ev.target.result; };
        meta.getAll(HearthIdb.namedRange()).onsuccess = function (ev) { namedValues = ev.target.result; };
        tx.objectStore('received').openKeyCursor(null, 'prev').onsuccess = function (ev) { received = ev.target.result ? ev.target.result.key : 0; };
        meta.get('device').onsuccess = function (ev) { device = ev.target.result ? new Uint8Array(ev.target.result) : null; };
        meta.get('head').onsuccess = function (ev) { head = ev.target.result ? new Uint8Array(ev.target.result) : null; };
        meta.get('exported').onsuccess = function (ev) { exported = ev.target.result || 0; };
        tx.objectStore('snapshots').getAllKeys().onsuccess = function (ev) { snapKeys = ev.target.result; };
        // the ends of the ledger only: count() walks every key (slow with a district's events)
        events.openKeyCursor().onsuccess = function (ev) { first = ev.target.result ? ev.target.result.key : 0; };
        events.openKeyCursor(null, 'prev').onsuccess = function (ev) { last = ev.target.result ? ev.target.result.key : 0; };
      }, function () {
        if (device) return reply();
        // a new store: its device id, durably, before anything is written under it
        HearthIdb.write(req, ['meta'], function (tx) {
          var meta = tx.objectStore('meta');
          meta.get('device').onsuccess = function (ev) {
            if (ev.target.result) { device = new Uint8Array(ev.target.result); return; }   // another window was quicker
            device = fresh; created = 1;
            meta.add(fresh.buffer, 'device');
          };
        }, reply);
        return null;   // answered by the write above
      });
    };
  },

  // The snapshot for `snapshot` (none when 0), every event with seq > `after`, every received
  // event with arrival > `receivedAfter`, and every held bundle:
  // [u32 snapshot length][snapshot][u32 count] then per event [u64 seq][u32 length][bytes],
  // [u32 count] then per received event [u64 arrival][u32 length][bytes],
  // [u32 count] then per held bundle [u32 length][bytes]
  hearth_idb_read__deps: ['$HearthIdb'],
  hearth_idb_read: function (snapshot, after, receivedAfter, req) {
    var parts = [], keys = [], values = [], rkeys = [], rvalues = [], held = [];
    HearthIdb.read(req, ['events', 'snapshots', 'received', 'held'], function (tx) {
      if (snapshot > 0) tx.objectStore('snapshots').getAll(IDBKeyRange.bound([snapshot, 0], [snapshot, Infinity])).onsuccess = function (ev) { parts = ev.target.result; };
      var range = IDBKeyRange.lowerBound(after, true), events = tx.objectStore('events');
      events.getAllKeys(range).onsuccess = function (ev) { keys = ev.target.result; };
      events.getAll(range).onsuccess = function (ev) { values = ev.target.result; };
      var rrange = IDBKeyRange.lowerBound(receivedAfter, true), received = tx.objectStore('received');
      received.getAllKeys(rrange).onsuccess = function (ev) { rkeys = ev.target.result; };
      received.getAll(rrange).onsuccess = function (ev) { rvalues = ev.target.result; };
      tx.objectStore('held').getAll().onsuccess = function (ev) { held = ev.target.result; };
    }, function () {
      // written straight into the wasm heap: a district snapshot is tens of megabytes
      var total = 16, i, snapLen = 0;
      for (i = 0; i < parts.length; i++) snapLen += parts[i].byteLength;
      total += snapLen;
      for (i = 0; i < values.length; i++) total += 12 + values[i].byteLength;
      for (i = 0; i < rvalues.length; i++) total += 12 + rvalues[i].byteLength;
      for (i = 0; i < held.length; i++) total += 4 + held[i].byteLength;
      var p = _malloc(Math.max(1, total));
      if (!p) throw new Error('out of memory reading ' + total + ' bytes');
      var dv = new DataView(HEAPU8.buffer, p, total), o = 0;
      dv.setUint32(o, snapLen, true); o += 4;
      for (i = 0; i < parts.length; i++) { HEAPU8.set(new Uint8Array(parts[i]), p + o); o += parts[i].byteLength; }
      function list(ks, vs) {
        dv.setUint32(o, vs.length, true); o += 4;
        for (var j = 0; j < vs.length; j++) {
          var b = new Uint8Array(vs[j]);
          if (ks) { dv.setUint32(o, ks[j] % 4294967296, true); dv.setUint32(o + 4, Math.floor(ks[j] / 4294967296), true); o += 8; }
          dv.setUint32(o, b.length, true); o += 4;
          HEAPU8.set(b, p + o); o += b.length;
        }
      }
      list(keys, values);
      list(rkeys, rvalues);
      list(null, held);
      return { ptr: p, len: total };
    });
  },

  // The district's merge, all or none: received events (arrivals continuing the highest
  // stored one, else a conflict), newly held bundles, released ones deleted. The request is
  // HearthIdb.readReceive's layout.
  hearth_idb_receive__deps: ['$HearthIdb'],
  hearth_idb_receive: function (ptr, len, req) {
    var plan = HearthIdb.readReceive(new HearthIdb.Reader(HEAPU8.slice(ptr, ptr + len)));
    HearthIdb.write(req, ['received', 'held'], function (tx) {
      var received = tx.objectStore('received'), held = tx.objectStore('held');
      received.openKeyCursor(null, 'prev').onsuccess = function (ev) {
        var next = (ev.target.result ? ev.target.result.key : 0) + 1, i;
        for (i = 0; i < plan.events.length; i++) {
          if (plan.events[i][0] !== next + i) {
            HearthIdb.conflict = 'arrival ' + plan.events[i][0] + ' does not continue the stored ' + (next - 1) + ' (another window merged since this one read the store)';
            tx.abort();
            return;
          }
        }
        for (i = 0; i < plan.events.length; i++) received.add(plan.events[i][1], plan.events[i][0]);
        for (i = 0; i < plan.release.length; i++) held.delete(plan.release[i]);
        for (i = 0; i < plan.hold.length; i++) held.put(plan.hold[i][1], plan.hold[i][0]);
      };
    });
  },

  // A small named value (effects.hpp kMeta*), durably.
  hearth_idb_put_meta__deps: ['$HearthIdb'],
  hearth_idb_put_meta: function (namePtr, ptr, len, req) {
    var name = UTF8ToString(namePtr), bytes = HEAPU8.slice(ptr, ptr + len);
    HearthIdb.write(req, ['meta'], function (tx) { tx.objectStore('meta').put(bytes.buffer, HearthIdb.kNamed + name); });
  },

  // This device's events ≤ seq are in a bundle; the mark never goes down.
  hearth_idb_mark_exported__deps: ['$HearthIdb'],
  hearth_idb_mark_exported: function (seq, req) {
    HearthIdb.write(req, ['meta'], function (tx) {
      var meta = tx.objectStore('meta');
      meta.get('exported').onsuccess = function (ev) {
        var now = ev.target.result || 0;
        if (seq > now) meta.put(seq, 'exported');
      };
    });
  },

  // The batch goes in only if the stored head is still `after` (the head this window's ledger
  // ends at): a window that fell behind another writer, or a restore, is refused as a
  // conflict instead of writing onto a ledger it has not seen. A store without a head (first
  // version, before its first check) takes the batch; `add` still refuses any stored seq.
  hearth_idb_append__deps: ['$HearthIdb'],
  hearth_idb_append: function (framesPtr, framesLen, firstSeq, count, afterPtr, headPtr, req) {
    // copy out of the wasm heap now: it may grow (and move) before the transaction runs
    var frames = HEAPU8.slice(framesPtr, framesPtr + framesLen), head = HEAPU8.slice(headPtr, headPtr + 40);
    var after = HEAPU8.slice(afterPtr, afterPtr + 40);
    HearthIdb.write(req, ['events', 'meta'], function (tx) {
      var meta = tx.objectStore('meta');
      meta.get('head').onsuccess = function (ev) {
        var stored = ev.target.result ? new Uint8Array(ev.target.result) : null;
        if (stored && (stored.length !== 40 || stored.some(function (b, i) { return b !== after[i]; }))) {
          HearthIdb.conflict = 'the stored ledger no longer ends where this window read it (another window wrote, or a backup was restored)';
          tx.abort();
          return;
        }
        var store = tx.objectStore('events'), dv = new DataView(frames.buffer), o = 0;
        for (var i = 0; i < count; i++) {
          var len = dv.getUint32(o, true); o += 4;
          store.add(frames.slice(o, o + len).buffer, firstSeq + i);
          o += len;
        }
        meta.put(head.buffer, 'head');
      };
    });
  },

  hearth_idb_put_head__deps: ['$HearthIdb'],
  hearth_idb_put_head: function (headPtr, req) {
    var head = HEAPU8.slice(headPtr, headPtr + 40);
    HearthIdb.write(req, ['meta'], function (tx) { tx.objectStore('meta').put(head.buffer, 'head'); });
  },

  // Stores a snapshot and carries out the retention plan (C++ decides it: store_contents.hpp)
  // in the same transaction.
  hearth_idb_put_snapshot__deps: ['$HearthIdb'],
  hearth_idb_put_snapshot: function (ptr, len, seq, dropPtr, dropCount, dropEventsThrough, req) {
    var bytes = HEAPU8.slice(ptr, ptr + len), drops = [];
    var dv = new DataView(HEAPU8.buffer, dropPtr, dropCount * 8);
    for (var i = 0; i < dropCount; i++) drops.push(dv.getUint32(i * 8, true) + dv.getUint32(i * 8 + 4, true) * 4294967296);
    HearthIdb.write(req, ['snapshots', 'events'], function (tx) {
      var snaps = tx.objectStore('snapshots');
      snaps.delete(IDBKeyRange.bound([seq, 0], [seq, Infinity]));   // a rewrite of the same seq leaves no stale piece
      HearthIdb.putSnapshot(snaps, seq, bytes);
      for (var k = 0; k < drops.length; k++) snaps.delete(IDBKeyRange.bound([drops[k], 0], [drops[k], Infinity]));
      if (dropEventsThrough > 0) tx.objectStore('events').delete(IDBKeyRange.upperBound(dropEventsThrough));
    });
  },

  // Everything, for a backup: [16 device][u8 has head][40 head][u64 exported]
  // [u32 n]{[u64 seq][u32 len][snapshot]} (newest first) [u32 n]{[u64 seq][u32 len][event]}
  // [u32 n]{[u64 arrival][u32 len][event]} [u32 n]{[u32 len][held bundle]}. The named values
  // (the device's key, certificate and receipt) stay out: a backup must not carry the identity.
  hearth_idb_dump__deps: ['$HearthIdb'],
  hearth_idb_dump: function (req) {
    var device, head, exported = 0, snapKeys = [], snapVals = [], keys = [], values = [], rkeys = [], rvalues = [], held = [];
    HearthIdb.read(req, ['meta', 'events', 'snapshots', 'received', 'held'], function (tx) {
      var received = tx.objectStore('received');
      received.getAllKeys().onsuccess = function (ev) { rkeys = ev.target.result; };
      received.getAll().onsuccess = function (ev) { rvalues = ev.target.result; };
      tx.objectStore('held').getAll().onsuccess = function (ev) { held = ev.target.result; };
      var meta = tx.objectStore('meta');
      meta.get('device').onsuccess = function (ev) { device = ev.target.result; };
      meta.get('head').onsuccess = function (ev) { head = ev.target.result; };
      meta.get('exported').onsuccess = function (ev) { exported = ev.target.result || 0; };
      var snaps = tx.objectStore('snapshots');
      snaps.getAllKeys().onsuccess = function (ev) { snapKeys = ev.target.result; };
      snaps.getAll().onsuccess = function (ev) { snapVals = ev.target.result; };
      var events = tx.objectStore('events');
      events.getAllKeys().onsuccess = function (ev) { keys = ev.target.result; };
      events.getAll().onsuccess = function (ev) { values = ev.target.result; };
    }, function () {
      var w = new HearthIdb.Writer(), i;
      w.bytes(device || new Uint8Array(16));
      if (head && head.byteLength === 40) { w.u8(1); w.bytes(head); } else { w.u8(0); w.bytes(new Uint8Array(40)); }
      w.u64(exported);
      var seqs = HearthIdb.snapshotSeqs(snapKeys);
      w.u32(seqs.length);
      for (var s = 0; s < seqs.length; s++) {
        var parts = [];
        for (i = 0; i < snapKeys.length; i++) if (snapKeys[i][0] === seqs[s]) parts.push(snapVals[i]);
        w.u64(seqs[s]); w.blob(HearthIdb.joinParts(parts));
      }
      w.u32(values.length);
      for (i = 0; i < values.length; i++) { w.u64(keys[i]); w.blob(values[i]); }
      HearthIdb.writeReceived(w, rkeys, rvalues, held);
      return w.result();
    });
  },

  // Replaces everything with a backup's contents: the layout hearth_idb_dump answers with up to
  // the events, then received events and held bundles in HearthIdb.readReceive's layout. The
  // named values (this device's identity) are kept.
  hearth_idb_replace__deps: ['$HearthIdb'],
  hearth_idb_replace: function (ptr, len, req) {
    var r = new HearthIdb.Reader(HEAPU8.slice(ptr, ptr + len));
    HearthIdb.write(req, ['meta', 'events', 'snapshots', 'received', 'held'], function (tx) {
      var meta = tx.objectStore('meta'), events = tx.objectStore('events'), snaps = tx.objectStore('snapshots');
      var received = tx.objectStore('received'), held = tx.objectStore('held');
      meta.delete('device'); meta.delete('head'); meta.delete('exported');
      events.clear(); snaps.clear(); received.clear(); held.clear();
      meta.put(r.bytes(16), 'device');
      var hasHead = r.u8(), head = r.bytes(40);
      if (hasHead) meta.put(head, 'head');
      var exported = r.u64();
      if (exported) meta.put(exported, 'exported');
      for (var n = r.u32(), s = 0; s < n; s++) { var seq = r.u64(); HearthIdb.putSnapshot(snaps, seq, new Uint8Array(r.blob())); }
      for (var m = r.u32(), e = 0; e < m; e++) { var k = r.u64(); events.put(r.blob(), k); }
      var plan = HearthIdb.readReceive(r);
      for (var i = 0; i < plan.events.length; i++) received.put(plan.events[i][1], plan.events[i][0]);
      for (var j = 0; j < plan.hold.length; j++) held.put(plan.hold[j][1], plan.hold[j][0]);
    });
  },
});
