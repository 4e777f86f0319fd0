"""The blog on the fediverse: ActivityPub actors for the blog and its authors, followers,
deliveries of published articles, and replies that come back as moderated comments."""
