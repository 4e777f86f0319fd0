"""Privacy-friendly audience figures: page views and unique visitors, per day and per article.

No cookie, no script, no third party, and no address kept anywhere. How a page view travels:

1. **Request** (`recording.AudienceMiddleware`): a public HTML page answered 200 to a GET from
   a browser (not a bot, not a prefetch, not staff) becomes one event
   `(day, article pk or 0, visitor digest)`. The digest is
   `epw.core.privacy.hashed(day | ip | user agent)`, keyed with `SECRET_KEY` and salted with the
   day, so a visitor is the same all day and
   unrelated the next; the address itself is never written anywhere, not even to the cache.
   The event is appended to a list in the web process's memory: no I/O at all.
2. **Hand-off** (`recording.Buffer`): when a process holds `EPW_AUDIENCE_HANDOFF_EVENTS`
   events, or its oldest is `EPW_AUDIENCE_HANDOFF_SECONDS` old, the request that notices puts
   the whole batch in the shared cache with ONE `cache.add()` under
   `audience:{minute}:{slot}`, a random slot among `SLOTS` of the current minute. `add` never
   overwrites: if the slot is taken the batch stays in memory and a request a second later
   tries another slot. So a request makes zero cache operations, or exactly one. The key names are
   enumerable, which the Django cache API needs (it cannot list keys), and the same code works
   on the file cache and on Redis. On a graceful exit a process hands off what it still holds.
3. **Flush** (`services.audience_flush`, run by `manage.py flush_audience`, once or
   `--every 60`): in one transaction that locks the `AudienceCursor` row, it reads every slot
   of the minutes after the cursor up to `GRACE_BUCKETS` minutes ago (minutes no process
   writes to any more), adds the views to `AudienceDay` / `ArticleAudienceDay`, inserts the
   day's digests into `AudienceVisitor` (unique per day and scope, conflicts ignored) and
   recounts the visitors from that table, then moves the cursor on and commits. Only then are
   the slots deleted. A crash before the commit loses nothing (the slots are read again); a
   crash after it counts nothing twice (the cursor has moved past them); a second flusher
   waits for the lock and then finds nothing left to count. Digests older than yesterday are
   deleted by each flush: only the daily totals remain.

A flush reads `SLOTS` keys per minute since the last one (one `get_many` per 1,024 keys), up
to a day back (`BUFFER_TIMEOUT`) after an outage. Batches of `EPW_AUDIENCE_HANDOFF_EVENTS`
(500) keep the number of hand-offs per minute well under `SLOTS` even at thousands of views
per second.

Known limits: events still in a process's memory are lost if it is killed (SIGKILL, OOM), at
most one hand-off's worth; the file cache's `add()` checks then writes, so two processes
picking the same free slot in the same instant could overwrite one batch (Redis's is atomic);
the cache must not evict the slots before the flush (Redis: no `allkeys-*` policy; the file
cache's `MAX_ENTRIES` is far above the slots in use).

Pages served from a cache: those the page cache answers (`epw.page_cache`, before this
middleware) are counted there with `record_view`, the same rules and digest. Pages a proxy or
CDN answers never reach Django: with `EPW_AUDIENCE_BEACON=1` the pages carry
`static/js/audience.js`, which posts the page's path with `navigator.sendBeacon` (no cookie
read or set) to `views.beacon`; that endpoint checks the origin, rate-limits per address
(`EPW_AUDIENCE_BEACON_LIMIT`), counts only public pages, and the server then counts nothing
itself (`counting_here()`): each view is counted once, one way or the other. Readers without
JavaScript are not counted in that mode.
"""
