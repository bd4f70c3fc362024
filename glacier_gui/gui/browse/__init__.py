"""Browse: every photo of the archive as a grid of thumbnails, read from the units' thumbnail packs, no restore.

The packs live in the STANDARD class, so looking costs cents while the photos stay in Deep Archive; the family
finds a photo by looking and restores just that one.  ``photos`` turns pack indexes into items, ``loader``
fetches packs and decodes thumbnails off the GUI thread, ``model`` and ``delegate`` draw the grid lazily,
``window`` and ``preview`` are what the user sees.
"""
