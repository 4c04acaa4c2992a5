"""Grading a whole class with nbgrader: every submission isolated, limited, in parallel.

nbgrader keeps the gradebook, the feedback and the export; this package only changes
how a submission's code runs and how many run at once:

* ``sandbox``: the Bubblewrap command that runs a kernel in its own scratch folder,
  with the course, the home folder and ``/tmp`` hidden, nothing writable but the
  scratch folder (and a small private ``/dev/shm``), and no network;
* ``limits``: the per-kernel limits (memory, processes, file size), set by
  ``launch`` inside the sandbox before any student code runs;
* ``kernel``: a Jupyter kernel manager that starts every kernel in a sandbox;
* ``execute``: nbgrader's ``Execute`` with a time limit that always ends a cell, an
  output limit in characters, and a new kernel after a crash, so a student's later
  cells still earn their points;
* ``submission``: a private copy of one submission, repaired where it cannot be
  read, so submitted files are never modified;
* ``job`` and ``cli``: ``python -m classgrader ASSIGNMENT`` grades every submission on
  a Dask cluster (a ``LocalCluster`` by default) with a progress bar;
* ``speedups``: two of nbgrader's per-submission costs that a long-lived worker skips.
"""
