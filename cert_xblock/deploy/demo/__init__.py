"""The demo: the block in the XBlock SDK workbench, on sqlite and local storage, with seeded learners."""
