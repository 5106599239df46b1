"""Chapter 1: tensors (creation, dtypes, indexing, views, broadcasting, reductions, matmul)."""
