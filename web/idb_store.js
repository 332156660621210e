// IndexedDB binding for the device's store (linked with --js-library; no Asyncify).
//
// Database "hearth", schema version 2 (version 1 had only meta.device and events):
//   meta       "device"   → the 16-byte device id
//              "head"     → [u64 seq][32-byte hash] of the last event, written in the same
//                           transaction as every append (absent in a version-1 store until
//                           the app has checked its chain once)
//              "exported" → seq: this device's events ≤ it are in a bundle (issue 5)
//   events     seq → the event's exact bytes
//   snapshots  [seq, part] → a piece of the snapshot covering events ≤ seq (pieces of at most
//              kPart bytes, so no single value is huge)
// Every call completes by calling back into C++ (_hearth_idb_done). A write reports success
// only from its transaction's "complete" event with durability "strict", i.e. once the browser
// has flushed it to disk. Appends use `add` (never `put`): an existing seq is refused, so a
// second writer can never overwrite the ledger. Binary replies are little-endian; u64 values
// travel as two u32 halves (seqs stay far below 2^53).
mergeInto(LibraryManager.library, {
  $HearthIdb: {
    db: null,
    conflict: null,   // why the current write aborted itself (a conflict), if it did
    kSchema: 2,
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
    };
    r.onblocked = function () { HearthIdb.done(req, 2, 'an older version of the app is open in another window: close it'); };
    r.onerror = function (ev) { ev.preventDefault(); HearthIdb.done(req, HearthIdb.kindOf(r.error), HearthIdb.describe(r.error, 'open failed')); };
    r.onsuccess = function () {
      var db = r.result;
      if (HearthIdb.db && HearthIdb.db !== db) HearthIdb.db.close();   // a reopen (after a restore) replaces the connection
      HearthIdb.db = db;
      db.onversionchange = function () { db.close(); HearthIdb.db = null; };   // let a newer version of the app upgrade
      var device = null, created = 0, head = null, exported = 0, snapKeys = [], first = 0, last = 0;
      function reply() {
        var w = new HearthIdb.Writer(), seqs = HearthIdb.snapshotSeqs(snapKeys);
        w.bytes(device); w.u8(created); w.u32(upgradedFrom);
        if (head && head.length === 40) { w.u8(1); w.bytes(head); } else { w.u8(0); w.bytes(new Uint8Array(40)); }
        w.u64(exported); w.u64(first); w.u64(last);
        w.u32(seqs.length);
        for (var i = 0; i < seqs.length; i++) w.u64(seqs[i]);
        return w.result();
      }
      // read-only (no disk flush) unless this is a new store that needs its device id
      HearthIdb.read(req, ['meta', 'events', 'snapshots'], function (tx) {
        var meta = tx.objectStore('meta'), events = tx.objectStore('events');
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

  // The snapshot for `snapshot` (none when 0) and every event with seq > `after`:
  // [u32 snapshot length][snapshot][u32 count] then per event [u64 seq][u32 length][bytes]
  hearth_idb_read__deps: ['$HearthIdb'],
  hearth_idb_read: function (snapshot, after, req) {
    var parts = [], keys = [], values = [];
    HearthIdb.read(req, ['events', 'snapshots'], function (tx) {
      if (snapshot > 0) tx.objectStore('snapshots').getAll(IDBKeyRange.bound([snapshot, 0], [snapshot, Infinity])).onsuccess = function (ev) { parts = ev.target.result; };
      var range = IDBKeyRange.lowerBound(after, true), events = tx.objectStore('events');
      events.getAllKeys(range).onsuccess = function (ev) { keys = ev.target.result; };
      events.getAll(range).onsuccess = function (ev) { values = ev.target.result; };
    }, function () {
      // written straight into the wasm heap: a district snapshot is tens of megabytes
      var total = 8, i, snapLen = 0;
      for (i = 0; i < parts.length; i++) snapLen += parts[i].byteLength;
      total += snapLen;
      for (i = 0; i < values.length; i++) total += 12 + values[i].byteLength;
      var p = _malloc(Math.max(1, total));
      if (!p) throw new Error('out of memory reading ' + total + ' bytes');
      var dv = new DataView(HEAPU8.buffer, p, total), o = 0;
      dv.setUint32(o, snapLen, true); o += 4;
      for (i = 0; i < parts.length; i++) { HEAPU8.set(new Uint8Array(parts[i]), p + o); o += parts[i].byteLength; }
      dv.setUint32(o, values.length, true); o += 4;
      for (i = 0; i < values.length; i++) {
        var b = new Uint8Array(values[i]);
        dv.setUint32(o, keys[i] % 4294967296, true); dv.setUint32(o + 4, Math.floor(keys[i] / 4294967296), true); o += 8;
        dv.setUint32(o, b.length, true); o += 4;
        HEAPU8.set(b, p + o); o += b.length;
      }
      return { ptr: p, len: total };
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
  hearth_idb_dump__deps: ['$HearthIdb'],
  hearth_idb_dump: function (req) {
    var device, head, exported = 0, snapKeys = [], snapVals = [], keys = [], values = [];
    HearthIdb.read(req, ['meta', 'events', 'snapshots'], function (tx) {
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
      return w.result();
    });
  },

  // Replaces everything with a backup's contents (the layout hearth_idb_dump answers with).
  hearth_idb_replace__deps: ['$HearthIdb'],
  hearth_idb_replace: function (ptr, len, req) {
    var r = new HearthIdb.Reader(HEAPU8.slice(ptr, ptr + len));
    HearthIdb.write(req, ['meta', 'events', 'snapshots'], function (tx) {
      var meta = tx.objectStore('meta'), events = tx.objectStore('events'), snaps = tx.objectStore('snapshots');
      meta.clear(); events.clear(); snaps.clear();
      meta.put(r.bytes(16), 'device');
      var hasHead = r.u8(), head = r.bytes(40);
      if (hasHead) meta.put(head, 'head');
      var exported = r.u64();
      if (exported) meta.put(exported, 'exported');
      for (var n = r.u32(), s = 0; s < n; s++) { var seq = r.u64(); HearthIdb.putSnapshot(snaps, seq, new Uint8Array(r.blob())); }
      for (var m = r.u32(), e = 0; e < m; e++) { var k = r.u64(); events.put(r.blob(), k); }
    });
  },
});
