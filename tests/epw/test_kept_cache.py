"""The kept cache: the shared cache, with what this process read of it kept in memory."""

from django.core.cache import cache

from epw.core.kept_cache import kept_cache


def test_a_value_is_written_to_the_shared_cache_and_kept_here():
    kept_cache().set("carte:12:3", "<article>…</article>", 60)
    assert cache.get("carte:12:3") == "<article>…</article>"  # every process finds it
    cache.delete("carte:12:3")  # evicted from the shared cache…
    assert kept_cache().get("carte:12:3") == "<article>…</article>"  # …still known here


def test_what_another_process_wrote_is_read_once_from_the_shared_cache():
    cache.set_many({"a": 1, "b": 2}, 60)  # as another process would
    assert kept_cache().get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
    cache.clear()
    assert kept_cache().get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
    assert kept_cache().get("c", "absent") == "absent"


def test_the_process_keeps_only_its_most_recent_values():
    recent = kept_cache().recent
    size, recent.size = recent.size, 2
    try:
        for key in ("un", "deux", "trois"):
            kept_cache().set(key, key, 60)
        cache.clear()
        assert kept_cache().get_many(["un", "deux", "trois"]) == {"deux": "deux", "trois": "trois"}
    finally:
        recent.size = size


def test_delete_and_clear_forget_the_kept_copy():
    kept_cache().set("x", 1, 60)
    kept_cache().delete("x")
    assert kept_cache().get("x") is None and cache.get("x") is None
    kept_cache().set("y", 2, 60)
    cache.clear()
    kept_cache().clear()
    assert kept_cache().get("y") is None
