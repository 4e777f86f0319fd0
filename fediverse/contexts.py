"""The JSON-LD contexts of the documents the blog publishes: ActivityStreams, plus the terms
outside it that each kind of document uses, named as Mastodon names them."""

AS_CONTEXT = "https://www.w3.org/ns/activitystreams"
SECURITY_CONTEXT = "https://w3id.org/security/v1"
ACTOR_CONTEXT = [
    AS_CONTEXT,
    SECURITY_CONTEXT,
    {
        "manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
        "toot": "http://joinmastodon.org/ns#",
        "discoverable": "toot:discoverable",
        "schema": "http://schema.org#",
        "PropertyValue": "schema:PropertyValue",
        "value": "schema:value",
    },
]
# Articles and the activities carrying them: hashtags and the content warning flag.
ACTIVITY_CONTEXT = [AS_CONTEXT, {"sensitive": "as:sensitive", "Hashtag": "as:Hashtag"}]
