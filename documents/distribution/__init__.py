"""Nơi nhận as a distribution list: directory, resolution, sending, inbox, tracking and the outgoing register.

Entry points other areas use:
- ``documents.distribution.directory.match_recipient(name)``: map a printed recipient line to the directory.
- ``documents.distribution.directory.apply_recipient_list(page, recipient_list)``: append a named list.
- ``documents.distribution.render.recipient_lines(page)``: the printed "Nơi nhận" lines.
- ``documents.distribution.sending.send_document(page)`` / ``process_delivery_queue()``: issue-time sending.
"""
