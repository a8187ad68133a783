//! Node.js binding of helpdesk: comes with issue 5.
