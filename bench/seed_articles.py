"""Fill a benchmark database with N public articles, fast, through bulk inserts.

    DJANGO_SETTINGS_MODULE=epw.settings EPW_VAR_DIR=/tmp/epw-bench \\
        .venv/bin/python bench/seed_articles.py --articles 10000

Use the same environment as the server you will measure (`DATABASE_URL` for PostgreSQL,
`EPW_VAR_DIR` for a separate SQLite file). The script migrates first, refuses to touch a
database that already holds articles unless `--reset` is given, and prints one last line
`BENCH_TARGETS {json}` naming the URLs worth measuring (a mid-archive article, the most used
tag, a common search word), which `bench/run.py` reads.

Articles get the derived fields `Article.save()` would give them: the body goes through
`sanitize_html` and the reading time is computed the same way. If the project keeps a search
vector on PostgreSQL (a generated column since blog migration 0002), the script checks the new
rows have it filled (see `check_search_index`) and that a search finds them.
"""

# ruff: noqa: T201 - a command-line tool: printing is its output

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "epw.settings")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.contrib.sites.models import Site  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.html import strip_tags  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from django_comments.models import Comment  # noqa: E402
from django_comments_xtd.models import XtdComment  # noqa: E402
from taggit.models import Tag  # noqa: E402

from blog import models as blog_models  # noqa: E402
from blog.models import Article, Category, Page, SiteSettings, TaggedArticle  # noqa: E402
from blog.search import search_articles  # noqa: E402
from blog.search.index import search_index_rebuild  # noqa: E402
from contributors.models import Contributor  # noqa: E402
from epw.core.chrome_cache import site_changed  # noqa: E402
from epw.core.html import sanitize_html  # noqa: E402

# The words bench/run.py searches for: "lecteurs" (or its stem "lecteur") is in nearly every
# generated article, the worst case for ranking; "palimpseste" is in about 1 % of them.
SEARCH_WORD = "lecteurs"
RARE_WORD = "palimpseste"
RARE_SHARE = 0.01
YEARS = 8

FIRST_NAMES = [
    "Claire", "Julien", "Nadia", "Thomas", "Élodie", "Karim", "Sophie", "Mathieu", "Léa",
    "Antoine", "Camille", "Hugo", "Inès", "Romain", "Manon", "Yannick", "Chloé", "Bastien",
    "Amélie", "Olivier",
]  # fmt: skip
LAST_NAMES = [
    "Vasseur", "Marchal", "Benali", "Lefèvre", "Garnier", "Haddad", "Roussel", "Perrin",
    "Fontaine", "Chevalier", "Morel", "Girard", "Mercier", "Blanc", "Guérin", "Le Goff",
    "Faure", "Barbier", "Lemoine", "Dupuis",
]  # fmt: skip
CATEGORIES = [
    "Rédaction web", "Référencement", "Réseaux sociaux", "Newsletters & e-mail",
    "UX writing", "Stratégie éditoriale",
]  # fmt: skip
TAGS = [
    "titres", "SEO", "newsletter", "accessibilité", "lisibilité", "LinkedIn", "Mastodon",
    "chapô", "intertitres", "mots-clés", "charte éditoriale", "ton", "storytelling",
    "microcopie", "formulaires", "e-mail", "objet", "taux d’ouverture", "audience",
    "analytics", "rédaction", "relecture", "orthographe", "typographie", "listes",
    "liens", "maillage interne", "images", "texte alternatif", "vidéo", "podcast",
    "interview", "portrait", "tribune", "enquête", "veille", "curation", "calendrier",
    "ligne éditoriale", "personas", "FALC", "langage clair", "écriture inclusive",
    "traduction", "IA générative", "moteurs de recherche", "featured snippet", "balises",
    "métadonnées", "Open Graph", "RSS", "blog", "communication interne", "collectivités",
    "associations", "e-commerce", "fiches produit", "pages d’accueil", "FAQ", "glossaire",
]  # fmt: skip

SUBJECTS = [
    "Le rédacteur", "La rédactrice", "Une bonne newsletter", "Le titre", "Le chapô",
    "Chaque intertitre", "Un paragraphe court", "La page d’accueil", "Le moteur de recherche",
    "Votre audience", "L’équipe éditoriale", "Le lecteur pressé", "Une liste à puces",
    "Le premier écran", "La ligne éditoriale", "Un lien explicite", "Le texte alternatif",
    "Une interface claire", "La charte éditoriale", "Le community manager",
]  # fmt: skip
VERBS = [
    "doit annoncer", "résume", "met en avant", "facilite", "hiérarchise", "clarifie",
    "prépare", "accompagne", "simplifie", "valorise", "structure", "rend visible",
    "oriente", "éclaire", "renforce", "précise", "allège", "rythme", "guide", "promet",
]  # fmt: skip
OBJECTS = [
    "l’information essentielle", "le sujet de l’article", "la promesse faite aux lecteurs",
    "le parcours de lecture", "les mots que cherchent les internautes", "la suite du texte",
    "les idées principales", "le bénéfice pour le lecteur", "l’intention de recherche",
    "la structure de la page", "le vocabulaire du public", "les étapes à suivre",
    "la réponse attendue", "le contexte de la question", "les chiffres qui comptent",
    "le point de vue de l’auteur", "les exemples concrets", "la conclusion pratique",
]  # fmt: skip
COMPLEMENTS = [
    "dès les premières lignes", "sans jargon inutile", "pour les lecteurs sur mobile",
    "avant même le premier défilement", "avec des phrases courtes", "en moins de dix mots",
    "sans promettre plus que le contenu", "pour les moteurs comme pour les humains",
    "en gardant un ton chaleureux", "au fil des mises à jour", "dans chaque rubrique",
    "quel que soit le support", "sur les réseaux sociaux", "dans la boîte de réception",
    "pour ceux qui lisent en diagonale", "à l’aide d’exemples", "avec une voix active",
]  # fmt: skip
EXTRAS = [
    "C’est la règle la plus simple et la plus souvent oubliée.",
    "Les lecteurs le remarquent immédiatement.",
    "Les tests avec de vrais lecteurs le confirment presque toujours.",
    "Autrement dit, chaque mot doit mériter sa place.",
    "Relisez votre texte à voix haute pour le vérifier.",
    "Un outil de lisibilité peut aider, mais il ne remplace pas la relecture.",
    "Mieux vaut une phrase de moins qu’une idée floue.",
    "Les statistiques d’audience racontent souvent la même histoire.",
    "La cohérence compte davantage que l’originalité.",
]
TITLE_PATTERNS = [
    "Comment {verb} {obj} {comp}",
    "{n} conseils pour {verb} {obj}",
    "Pourquoi {verb} {obj} {comp} ?",
    "{Obj} : la méthode pour {verb} {comp}",
    "Faut-il encore {verb} {obj} ?",
    "Le guide pour {verb} {obj} {comp}",
]
TITLE_VERBS = [
    "écrire", "rédiger", "structurer", "relire", "titrer", "simplifier", "optimiser",
    "illustrer", "annoncer", "présenter", "raccourcir", "réécrire", "organiser", "tester",
]  # fmt: skip
TITLE_OBJECTS = [
    "un titre", "une newsletter", "un chapô", "une page d’accueil", "une fiche produit",
    "un article de blog", "une FAQ", "un message d’erreur", "un formulaire", "une interview",
    "un portrait", "une tribune", "des intertitres", "un glossaire", "une charte éditoriale",
]  # fmt: skip
COMMENT_NAMES = ["Marie", "Paul", "Lucie", "Nicolas", "Aïcha", "Pierre", "Jeanne", "Louis"]
COMMENT_TEXTS = [
    "Merci pour cet article très clair, je le partage avec mon équipe.",
    "Je ne suis pas tout à fait d’accord sur le deuxième point, mais l’ensemble est utile.",
    "Est-ce que ces conseils valent aussi pour les sites de collectivités ?",
    "Exactement ce que je cherchais pour préparer notre prochaine newsletter.",
    "Un exemple concret de plus aurait été parfait. Bravo pour la clarté !",
    "Nous avons testé la méthode sur notre blog : le taux de clic a nettement progressé.",
]


def sentence(rng: random.Random) -> str:
    text = (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
        f"{rng.choice(COMPLEMENTS)}."
    )
    if rng.random() < 0.3:
        text += " " + rng.choice(EXTRAS)
    return text


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def make_title(rng: random.Random) -> str:
    obj = rng.choice(TITLE_OBJECTS)
    return rng.choice(TITLE_PATTERNS).format(
        verb=rng.choice(TITLE_VERBS),
        obj=obj,
        Obj=obj[:1].upper() + obj[1:],
        comp=rng.choice(COMPLEMENTS),
        n=rng.randint(3, 12),
    )


def make_body(rng: random.Random) -> str:
    """About 600 words: an introduction, three or four <h2> sections, one <ul>."""
    parts = [f"<p>{paragraph(rng, 4)}</p>"]
    sections = rng.randint(3, 4)
    list_section = rng.randrange(sections)
    for index in range(sections):
        heading = make_title(rng).rstrip(" ?")
        parts.append(f"<h2>{heading}</h2>")
        parts.append(f"<p>{paragraph(rng, rng.randint(3, 5))}</p>")
        if index == list_section:
            items = "".join(f"<li>{sentence(rng)}</li>" for _ in range(rng.randint(3, 5)))
            parts.append(f"<ul>{items}</ul>")
        parts.append(f"<p>{paragraph(rng, rng.randint(3, 5))}</p>")
    parts.append(
        f"<p>Pour aller plus loin, nos {SEARCH_WORD} trouveront d’autres conseils dans les "
        f"archives de la rubrique.</p>"
        if rng.random() < 0.6
        else f"<p>{paragraph(rng, 2)}</p>"
    )
    if rng.random() < RARE_SHARE:
        parts.append(f"<p>Un bon article se relit comme un {RARE_WORD} : par couches.</p>")
    return "".join(parts)


def reading_time(standfirst: str, body: str) -> int:
    """Exactly what Article.save() computes."""
    words = len(strip_tags(f"{standfirst} {body}").split())
    return max(1, math.ceil(words / blog_models.WORDS_PER_MINUTE))


def weighted_sample(rng: random.Random, population: list, weights: list[float], k: int) -> list:
    """k distinct items, popular ones more likely (a few tags are used a lot, as in real life)."""
    chosen: list = []
    while len(chosen) < k:
        item = rng.choices(population, weights)[0]
        if item not in chosen:
            chosen.append(item)
    return chosen


def reset() -> None:
    article_type = ContentType.objects.get_for_model(Article)
    XtdComment.objects.filter(content_type=article_type).delete()
    Comment.objects.filter(content_type=article_type).delete()
    TaggedArticle.objects.all().delete()
    Article.authors.through.objects.all().delete()
    Article.objects.all().delete()
    Tag.objects.all().delete()


def ensure_fixtures(rng: random.Random) -> tuple[list[Contributor], list[Category], list[Tag]]:
    contributors = []
    for index in range(20):
        name = f"{FIRST_NAMES[index]} {LAST_NAMES[index]}"
        contributor, _ = Contributor.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "display_name": name,
                "kind": Contributor.Kind.STAFF if index < 6 else Contributor.Kind.GUEST,
                "bio": paragraph(rng, 3),
            },
        )
        contributors.append(contributor)
    categories = []
    for position, name in enumerate(CATEGORIES):
        category, _ = Category.objects.get_or_create(
            slug=slugify(name),
            defaults={"name": name, "description": sentence(rng), "position": position},
        )
        categories.append(category)
    tags = []
    for name in TAGS:
        tag, _ = Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        tags.append(tag)
    for position, (slug, title) in enumerate(
        [("a-propos", "À propos"), ("charte-editoriale", "Charte éditoriale")]
    ):
        Page.objects.get_or_create(
            slug=slug,
            defaults={"title": title, "body": f"<p>{paragraph(rng, 5)}</p>", "position": position},
        )
    settings, _ = SiteSettings.objects.get_or_create(pk=1)
    if not settings.about_blurb:
        settings.about_blurb = paragraph(rng, 2)
        settings.founded_year = 2006
        settings.hashtag = "#EPW"
        settings.mastodon_url = "https://mastodon.example.org/@epw"
        settings.linkedin_url = "https://www.linkedin.example.org/company/epw"
        settings.save()
    return contributors, categories, tags


def check_search_index(article_ids: list[int]) -> str:
    """Make sure bulk inserts left PostgreSQL's search column right; say how it is kept.

    Migration blog 0002 adds `blog_article.search_vector` as a stored generated column, which
    PostgreSQL fills on every insert, bulk ones included. Should it become a plain column kept
    by `save()` or by a trigger, an empty vector on the new rows stops the seeding here rather
    than benchmarking a search that finds nothing.
    """
    if connection.vendor != "postgresql":
        return f"{connection.vendor}: no search column"
    table = Article._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, is_generated FROM information_schema.columns "
            "WHERE table_name = %s AND data_type = 'tsvector'",
            [table],
        )
        columns = cursor.fetchall()
        if not columns:
            return "postgresql: no search column"
        column, generated = columns[0]
        cursor.execute(
            f"SELECT count(*) FROM {table} WHERE id = ANY(%s) "
            f"AND ({column} IS NULL OR {column} = ''::tsvector)",
            [article_ids],
        )
        empty = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM information_schema.triggers WHERE event_object_table = %s",
            [table],
        )
        triggers = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT count(*) FROM {table} WHERE id = ANY(%s) "
            f"AND {column} @@ plainto_tsquery(%s::regconfig, %s)",
            [article_ids, _search_config(cursor), SEARCH_WORD],
        )
        found = cursor.fetchone()[0]
    if empty or not found:
        raise SystemExit(
            f"{empty} new articles have an empty {table}.{column} after bulk_create and "
            f"{found} match {SEARCH_WORD!r}: the column is not kept by the database; teach "
            "bench/seed_articles.py to fill it."
        )
    how = "generated column" if generated == "ALWAYS" else f"{triggers} trigger(s)"
    return f"postgresql: {column} filled ({how}), {found} match {SEARCH_WORD!r}"


def _search_config(cursor) -> str:
    """The project's text search configuration (blog 0002 creates french_unaccent)."""
    cursor.execute("SELECT cfgname FROM pg_ts_config WHERE cfgname = 'french_unaccent'")
    return "french_unaccent" if cursor.fetchone() else "french"


def insert_xtd_comments(comments: list[Comment]) -> None:
    """Bulk-create top-level XtdComments (a multi-table child, which bulk_create refuses).

    The parent `Comment` rows go in through bulk_create; the child rows are inserted with
    each comment as its own thread, as `XtdComment.save()` makes a top-level comment.
    """
    if not comments:
        return
    created = Comment.objects.bulk_create(comments)
    if created[0].pk is None:
        raise SystemExit("This database backend does not return ids from bulk_create.")
    meta = XtdComment._meta
    columns = ["comment_ptr", "thread_id", "parent_id", "level", "order", "followup",
               "nested_count"]  # fmt: skip
    names = ", ".join(connection.ops.quote_name(meta.get_field(c).column) for c in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({names}) "
            f"VALUES ({placeholders})",
            [(c.pk, c.pk, c.pk, 0, 1, False, 0) for c in created],
        )


def seed(count: int, *, rng: random.Random, batch_size: int, comment_share: float) -> dict:
    contributors, categories, tags = ensure_fixtures(rng)
    # Zipf-like popularity: the first tags are on many articles, the last on few.
    tag_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(tags))]
    contributor_weights = [1 / (rank + 1) ** 0.5 for rank in range(len(contributors))]
    now = timezone.now().replace(microsecond=0)
    span = YEARS * 365 * 24 * 3600
    site = Site.objects.get_current()
    article_type = ContentType.objects.get_for_model(Article)
    article_ids: list[int] = []
    comments = 0
    existing_slugs = set(Article.objects.values_list("slug", flat=True))

    for start in range(0, count, batch_size):
        size = min(batch_size, count - start)
        batch = []
        for offset in range(size):
            number = start + offset + 1
            title = make_title(rng)
            slug = f"{slugify(title)[:180]}-{number}"
            while slug in existing_slugs:
                slug += "-b"
            existing_slugs.add(slug)
            standfirst = paragraph(rng, 2)
            body = sanitize_html(make_body(rng))
            published_at = now - timedelta(seconds=rng.randint(3600, span))
            batch.append(
                Article(
                    title=title,
                    slug=slug,
                    standfirst=standfirst,
                    body=body,
                    category=rng.choice(categories),
                    status=Article.Status.PUBLISHED,
                    published_at=published_at,
                    featured=rng.random() < 0.01,
                    comments_open=rng.random() < 0.9,
                    reading_time=reading_time(standfirst, body),
                )
            )
        with transaction.atomic():
            created = Article.objects.bulk_create(batch)
            if created[0].pk is None:  # a backend without RETURNING: read the ids back
                by_slug = dict(
                    Article.objects.filter(slug__in=[a.slug for a in batch]).values_list(
                        "slug", "pk"
                    )
                )
                for article in created:
                    article.pk = by_slug[article.slug]
            author_links, tag_links, new_comments = [], [], []
            for article in created:
                for contributor in weighted_sample(
                    rng, contributors, contributor_weights, rng.choice((1, 1, 1, 2))
                ):
                    author_links.append(
                        Article.authors.through(
                            article_id=article.pk, contributor_id=contributor.pk
                        )
                    )
                for tag in weighted_sample(rng, tags, tag_weights, rng.randint(3, 6)):
                    tag_links.append(TaggedArticle(content_object_id=article.pk, tag_id=tag.pk))
                if rng.random() < comment_share:
                    age = max(3600, int((now - article.published_at).total_seconds()))
                    for _ in range(rng.randint(3, 7)):
                        name = rng.choice(COMMENT_NAMES)
                        new_comments.append(
                            Comment(
                                content_type=article_type,
                                object_pk=str(article.pk),
                                site=site,
                                user_name=name,
                                user_email=f"{slugify(name)}@example.org",
                                comment=rng.choice(COMMENT_TEXTS),
                                submit_date=article.published_at
                                + timedelta(seconds=rng.randint(60, age - 60)),
                                is_public=True,
                                is_removed=False,
                            )
                        )
            Article.authors.through.objects.bulk_create(author_links)
            TaggedArticle.objects.bulk_create(tag_links)
            insert_xtd_comments(new_comments)
            comments += len(new_comments)
        article_ids.extend(article.pk for article in created)
        print(f"  {start + size}/{count} articles", file=sys.stderr, flush=True)

    search_note = check_search_index(article_ids)
    search_index_rebuild()  # bulk inserts send no signal: derive tags, authors, lexicon now
    site_changed()  # the chrome, cached pages and cards kept from rows that --reset deleted
    return {"articles": len(article_ids), "comments": comments, "search": search_note}


def targets() -> dict:
    """The URLs bench/run.py measures: chosen from the data, not hard-coded."""
    public = Article.objects.published().order_by("-published_at", "-pk")
    total = public.count()
    middle = public.values("slug", "title")[total // 2]
    popular = (
        Tag.objects.raw(
            "SELECT t.id, t.slug, t.name, count(*) AS uses FROM taggit_tag t "
            f"JOIN {TaggedArticle._meta.db_table} ta ON ta.tag_id = t.id "
            "GROUP BY t.id, t.slug, t.name ORDER BY uses DESC LIMIT 1"
        )
    )[0]
    try:  # the first results page, as the search view reads it
        hits = len(search_articles(SEARCH_WORD)[:10])
    except Exception as error:  # noqa: BLE001 - the app's search is not ours to fix here
        print(f"WARNING: blog.search.search_articles() failed: {error!r}", file=sys.stderr)
        hits = None
    if hits == 0:
        raise SystemExit(f"Searching {SEARCH_WORD!r} finds nothing: the search index is wrong.")
    return {
        "articles": total,
        "article_slug": middle["slug"],
        "article_title": middle["title"],
        "article_url": f"/articles/{middle['slug']}/",
        "tag_slug": popular.slug,
        "tag_uses": popular.uses,
        "tag_url": f"/etiquettes/{popular.slug}/",
        "search_word": SEARCH_WORD,
        "search_url": f"/recherche/?q={SEARCH_WORD}",
        "search_first_page": hits,
        "rare_word": RARE_WORD,
        "search_rare_url": f"/recherche/?q={RARE_WORD}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="how many articles (1000)")
    parser.add_argument("--reset", action="store_true", help="delete articles, comments, tags")
    parser.add_argument("--seed", type=int, default=20060101, help="random seed")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--comment-share", type=float, default=0.10)
    args = parser.parse_args()

    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    if Article.objects.exists():
        if not args.reset:
            raise SystemExit(
                f"{Article.objects.count()} articles already in {connection.settings_dict['NAME']}"
                ": refusing to add more. Use --reset to delete articles, comments and tags first."
            )
        reset()
    summary = seed(
        args.articles,
        rng=random.Random(args.seed),
        batch_size=args.batch_size,
        comment_share=args.comment_share,
    )
    if connection.vendor == "postgresql":
        # The steady state autovacuum reaches a minute later (statistics, visibility map for
        # index-only scans). SQLite is left as Django leaves it: no ANALYZE statistics.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    elapsed = time.monotonic() - started
    print(
        f"Seeded {summary['articles']} articles and {summary['comments']} comments on "
        f"{connection.vendor} in {elapsed:.1f} s ({summary['search']}).",
        file=sys.stderr,
    )
    print("BENCH_TARGETS " + json.dumps(targets(), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
