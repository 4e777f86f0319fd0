"""Converting WordPress content to EPW body HTML."""

from blog.wordpress.convert import autop, convert_content


def test_autop_makes_paragraphs_and_line_breaks_and_leaves_blocks_and_pre_alone():
    text = "Premier.\nSuite.\n\nSecond.\n<ul>\n<li>un</li>\n</ul>\n<pre>a\n\nb</pre>"
    assert autop(text) == (
        "<p>Premier.<br />\nSuite.</p>\n<p>Second.</p>\n"
        "<ul>\n<li>un</li>\n</ul>\n<pre>a\n\nb</pre>\n"
    )


def test_bracketed_words_are_text_and_escaped_shortcodes_are_shown_literally():
    result = convert_content("Il écrit [sic] et [1] ; la syntaxe est [[caption]].")
    assert result.html == "<p>Il écrit [sic] et [1] ; la syntaxe est [caption].</p>"
    assert result.unknown_shortcodes == []


def test_unknown_enclosing_shortcodes_keep_their_text_but_never_their_tags():
    result = convert_content('[su_box title="Astuce"]Relisez-vous le lendemain.[/su_box]')
    assert result.html == "<p>Relisez-vous le lendemain.</p>"
    assert result.unknown_shortcodes == ["su_box"]


def test_caption_attribute_of_old_exports_becomes_the_figcaption():
    result = convert_content(
        '[caption caption="Un carnet ouvert"]<img src="/a.jpg" alt="">[/caption]'
    )
    assert result.html == (
        '<figure><img src="/a.jpg" alt=""><figcaption>Un carnet ouvert</figcaption></figure>'
    )


def test_embeds_become_links_and_scripts_are_sanitised_away():
    result = convert_content(
        "[embed]https://video.example/v/42[/embed]\n\n"
        "<script>alert(1)</script><p onclick=x>Texte</p>"
    )
    assert '<a href="https://video.example/v/42"' in result.html
    assert "script" not in result.html and "onclick" not in result.html
    assert "<p>Texte</p>" in result.html


def test_upload_urls_are_rewritten():
    result = convert_content(
        '<img src="https://ancien.example/wp-content/uploads/2020/01/a%20b.jpg" alt="">',
        rewrite_url=lambda url: "/media/wordpress/" + url.rsplit("/uploads/", 1)[1],
    )
    assert 'src="/media/wordpress/2020/01/a%20b.jpg"' in result.html
