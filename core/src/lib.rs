//! helpdesk: the rules of a customer-service desk.
