//! Kotlin and Swift binding of helpdesk: comes with issue 6.
