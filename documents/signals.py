"""Signals of the document life cycle. Workflow sends them; search and distribution listen.

Receivers are connected in the modules listed at the bottom (each area wires its own).
"""
from django.dispatch import Signal

# sender=DocumentPage subclass, page=<specific page>, user=<actor or None>
# Workflow steps (comment=<the actor's comment>): who must act next is told (documents/workflow/notify.py).
document_submitted = Signal()
document_signed = Signal()
document_returned = Signal()
document_issued = Signal()
document_recalled = Signal()
# Any change that alters what a reader sees or who may read it (status, relations, grants, visibility).
document_changed = Signal()
# A batch import starts or ends in this thread (finished: created=<documents made>). Listeners may hold per-document work (the search
# index) until the end and then do it in bulk; the documents' own signals are sent as usual in between.
import_batch_started = Signal()
import_batch_finished = Signal()
