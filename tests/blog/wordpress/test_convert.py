"""Converting WordPress content to EPW body HTML."""

from blog.wordpress.convert import autop, convert_content
from blog.wordpress.shortcodes import Attachment


def test_autop_makes_paragraphs_and_line_breaks_and_leaves_blocks_and_pre_alone():
    text = "Premier.\nSuite.\n\nSecond.\n<ul>\n<li>un</li>\n</ul>\n<pre>a\n\nb</pre>"
    assert autop(text) == (
        "<p>Premier.<br />\nSuite.</p>\n<p>Second.</p>\n"
        "<ul>\n<li>un</li>\n</ul>\n<pre>a\n\nb</pre>\n"
    )


def test_text_right_after_a_rule_is_a_paragraph_of_its_own():
    assert autop("Avant.\n<hr />\nAprès la ligne.") == (
        "<p>Avant.</p>\n<hr />\n<p>Après la ligne.</p>\n"
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


YT = "dQw4w9WgXcQ"


def blocks(html: str) -> list[str]:
    return [line for line in html.split("\n") if line]


def embed(provider: str, url: str, caption: str = "") -> str:
    """The stored form of an embed, as the sanitiser writes it."""
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    link = f'<a href="{url}" rel="noopener noreferrer">{url}</a>'
    return f'<figure data-embed="{provider}">{link}{figcaption}</figure>'


def test_embed_shortcodes_become_embeds_and_old_http_addresses_become_https():
    result = convert_content(
        f"[embed]https://www.youtube.com/watch?v={YT}[/embed]\n\n"
        '[embed width="640" height="360"]http://vimeo.com/76979871[/embed]'
    )
    assert result.html == (
        embed("youtube", f"https://www.youtube.com/watch?v={YT}")
        + "\n"
        + embed("vimeo", "https://vimeo.com/76979871")
    )
    assert result.unknown_embeds == [] and result.unknown_shortcodes == []


def test_the_three_youtube_shortcodes():
    for shortcode, url in [
        (f"[youtube https://youtu.be/{YT}]", f"https://youtu.be/{YT}"),
        (
            f"[youtube=http://www.youtube.com/watch?v={YT}&amp;w=640]",
            f"https://www.youtube.com/watch?v={YT}&amp;w=640",
        ),
        (f"[youtube {YT}]", f"https://www.youtube.com/watch?v={YT}"),
    ]:
        assert convert_content(f"Avant.\n\n{shortcode}\n\nAprès.").html == (
            f"<p>Avant.</p>\n{embed('youtube', url)}\n<p>Après.</p>"
        ), shortcode


def test_video_and_audio_shortcodes_embed_the_file_and_uploads_point_to_the_import():
    result = convert_content(
        '[video width="640" mp4="http://ancien.example/wp-content/uploads/2020/01/film.mp4"]'
        "[/video]\n\n"
        '[audio src="https://cdn.example.org/podcast/episode-3.mp3"]\n\n'
        '[audio mp3="https://cdn.example.org/e.mp3" ogg="https://cdn.example.org/e.ogg"]',
        rewrite_url=lambda url: "/media/wordpress/" + url.rsplit("/uploads/", 1)[1],
    )
    assert blocks(result.html) == [
        embed("video", "/media/wordpress/2020/01/film.mp4"),
        embed("audio", "https://cdn.example.org/podcast/episode-3.mp3"),
        embed("audio", "https://cdn.example.org/e.mp3"),
    ]


def test_an_address_alone_on_its_line_is_embedded_only_for_known_providers():
    result = convert_content(
        "Regardez :\n\n"
        f"https://youtu.be/{YT}\n\n"
        "<p>https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk</p>\n\n"
        f"Dans le texte, https://youtu.be/{YT} reste du texte.\n\n"
        "https://example.org/un-article\n\n"
        f"<pre>\nhttps://youtu.be/{YT}\n</pre>"
    )
    assert blocks(result.html) == [
        "<p>Regardez :</p>",
        embed("youtube", f"https://youtu.be/{YT}"),
        embed("spotify", "https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk"),
        f"<p>Dans le texte, https://youtu.be/{YT} reste du texte.</p>",
        "<p>https://example.org/un-article</p>",
        f"<pre>https://youtu.be/{YT}",  # the sanitiser drops the newline after <pre>
        "</pre>",
    ]
    assert result.unknown_embeds == []


def test_block_editor_embeds_keep_their_caption():
    content = (
        '<!-- wp:embed {"url":"https://youtu.be/dQw4w9WgXcQ","type":"video",'
        '"providerNameSlug":"youtube"} -->\n'
        '<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube">'
        '<div class="wp-block-embed__wrapper">\nhttps://youtu.be/dQw4w9WgXcQ\n</div>'
        '<figcaption class="wp-element-caption">Une <em>démonstration</em></figcaption>'
        "</figure>\n<!-- /wp:embed -->\n\n"
        '<!-- wp:video --><figure class="wp-block-video"><video controls '
        'src="https://cdn.example.org/a.webm"></video></figure><!-- /wp:video -->'
    )
    assert convert_content(content).html == (
        embed("youtube", f"https://youtu.be/{YT}", "Une <em>démonstration</em>")
        + "\n\n"
        + embed("video", "https://cdn.example.org/a.webm")
    )


def test_embeds_the_site_cannot_show_become_links_and_are_reported():
    result = convert_content(
        "[embed]https://video.example/v/42[/embed]\n\n"
        '<figure class="wp-block-embed is-provider-twitter"><div class="wp-block-embed__wrapper">'
        "https://twitter.com/x/status/1</div></figure>\n\n"
        '[video src="javascript:alert(1)"]'
    )
    assert result.html == (
        '<p><a href="https://video.example/v/42" rel="noopener noreferrer">'
        "https://video.example/v/42</a></p>\n"
        '<p><a href="https://twitter.com/x/status/1" rel="noopener noreferrer">'
        "https://twitter.com/x/status/1</a></p>\n"
        '<p><a rel="noopener noreferrer">javascript:alert(1)</a></p>'
    )
    assert sorted(result.unknown_embeds) == [
        "https://twitter.com/x/status/1",
        "https://video.example/v/42",
        "javascript:alert(1)",
    ]


def test_a_self_closing_shortcode_does_not_swallow_the_text_up_to_a_later_one_of_its_name():
    result = convert_content(
        '[audio src="https://cdn.example.org/a.mp3"]\n\nLe texte entre les deux.\n\n'
        "[audio]https://cdn.example.org/b.mp3[/audio]"
    )
    assert blocks(result.html) == [
        embed("audio", "https://cdn.example.org/a.mp3"),
        "<p>Le texte entre les deux.</p>",
        embed("audio", "https://cdn.example.org/b.mp3"),
    ]


def test_stray_closing_tags_and_shortcodes_inside_captions_leave_no_brackets():
    result = convert_content(
        '[caption width="300"]<img src="/a.jpg" alt="A"> Voir [embed]https://youtu.be/'
        f"{YT}[/embed][/caption]\n\nFin.[/caption] [/video]\n\n[reglages_plugin /]"
    )
    assert "[" not in result.html
    assert result.html.startswith('<figure><img src="/a.jpg" alt="A"><figcaption>Voir')
    assert result.unknown_shortcodes == ["reglages_plugin"]


def test_shortcodes_naming_no_file_show_the_posts_attached_files_in_their_order():
    files = {
        3: Attachment("/media/c.jpg", alt="C"),
        5: Attachment("/media/e.jpg", alt="E"),
        1: Attachment("/media/a.jpg", alt="A"),
        2: Attachment("/media/b.mp3", label="Épisode"),
        4: Attachment("/media/d.mp4"),
    }
    result = convert_content(
        '[gallery exclude="5"]\n\n[playlist]\n\n[video]',
        attachments=lambda ids: {i: files[i] for i in ids if i in files},
        attached=lambda: [3, 5, 1, 2, 4],
    )
    assert blocks(result.html) == [
        '<figure><img src="/media/c.jpg" alt="C"><img src="/media/a.jpg" alt="A"></figure>',
        embed("audio", "/media/b.mp3", "Épisode"),
        embed("video", "/media/d.mp4"),
    ]
    assert result.missing_media == [] and result.empty_shortcodes == []
