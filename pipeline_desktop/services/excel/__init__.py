"""Excel sync: sniff → safety → read → map → validate/preview → apply, and export.

Nothing here imports Qt; the wizard and the command line both drive these functions."""
