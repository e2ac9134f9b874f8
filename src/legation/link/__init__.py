"""Work across articles: stories (articles about one happening), merged events (one happening
told by many reports) and how each outlet framed it."""
