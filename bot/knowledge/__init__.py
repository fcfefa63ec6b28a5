"""Knowledge: the source catalogue, the passage builder, curated statements and checks."""
