"""A routine: the model, its files (formats 1 and 2), drafts and the words written back."""
