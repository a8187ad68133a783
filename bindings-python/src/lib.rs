//! Python binding of helpdesk: comes with issue 4.
