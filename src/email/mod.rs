//! Email: the transport (`mailer`) and the messages we send (`messages`), rendered from
//! `templates/emails/<kind>/{subject.txt,body.txt,body.html}` in the recipient's language.

pub mod mailer;
pub mod messages;
