## Emails about consultations (src/email/messages.rs, templates/emails/<kind>/).
## Shared keys such as email-footer live in main.ftl.

## Shared by several emails
# Between a label and its value in plain-text emails ("Reference: ABC").
email-colon = :
email-greeting = Hello { $name },
email-signoff = The { $firm } team
email-reference = Reference
email-when = Date and time
# Under the applicant's time, in smaller text; $time is the same slot in the firm's time zone.
email-firm-time = Our office time: { $time }
email-mode = Format
email-mode-details = If you chose a video call, we will send you the link before the consultation. If you chose a phone call, we will call you at the number you gave us.
email-manage-link = Reschedule or cancel
email-manage-deadline = You can reschedule or cancel up to 12 hours before the consultation.
email-new-time = New date and time
email-previous-time = Previous date and time (replaced)
email-cancelled-time = Cancelled date and time
# In emails to the firm: the slot in the firm's time zone, then in the applicant's.
email-slot-firm = Firm time
email-slot-applicant = Applicant’s time
email-open-application = Open the application

## To the applicant: booking confirmed
email-confirm-subject = Your free consultation is booked – { $reference }
email-confirm-intro = Thank you for booking a free consultation with { $firm }. We look forward to speaking with you.
email-prepare-title = What to prepare
email-prepare-intro = Please have these at hand for the consultation:
email-prepare-passport = Your passport
email-prepare-cv = Your CV or resume
email-prepare-offer = Your job offer or employment contract, if you have one
email-prepare-diplomas = Your diplomas
email-prepare-questions = A list of the questions you would like to ask
email-next-title = What happens next
email-next-lawyer = A lawyer will read your answers before the consultation, so that we can spend the time on your situation.
email-next-not-advice = The online assessment is general information to help you prepare. It is not legal advice: the lawyer will advise you after reviewing your situation with you.
email-invite-attached = A calendar invitation is attached to this email. Open it to add the consultation to your calendar.

## To the applicant: reminder the day before
email-reminder-subject = Reminder: your consultation tomorrow – { $reference }
email-reminder-intro = This is a reminder that your free consultation with { $firm } is tomorrow.
email-reminder-prepare = Please have your passport, your CV or resume, any job offer and your questions at hand.

## To the applicant: consultation moved
email-moved-subject = Your consultation has moved – { $reference }
email-moved-intro = Your consultation has moved to a new time. Here are the updated details.
email-invite-updated = An updated calendar invitation is attached to this email. Open it to update the consultation in your calendar.

## To the applicant: consultation cancelled
email-cancelled-subject = Your consultation is cancelled – { $reference }
email-cancelled-intro = Your consultation has been cancelled.
email-cancelled-calendar = A cancellation for your calendar is attached to this email. Open it to remove the consultation from your calendar.
email-book-again-intro = If you would still like to speak with a lawyer, you are welcome to book a new time.
email-book-again = Book a new consultation

## To the firm: the brief of a new booking
# Followed in the subject by the applicant's name and the pathway.
email-brief-subject = Consultation booked: { $reference }
email-brief-intro = A new consultation has been booked. Here is a summary to read before the call.
email-applicant = Applicant
email-phone = Phone
email-pathway = Pathway
email-outcome = Pre-screen outcome
email-reasons = Reasons
email-other-outcomes = Other pathways assessed
email-key-answers = Key answers
email-consultation = Consultation

## To the firm: a booking moved or cancelled
# Followed in the subject by the applicant's name.
email-notice-cancelled-subject = Consultation cancelled: { $reference }
email-notice-moved-subject = Consultation moved: { $reference }
email-notice-cancelled-intro = { $name } cancelled their consultation.
email-notice-moved-intro = { $name } moved their consultation to a new time.

## To the firm's admins: security alerts
email-security-subject-prefix = [Security]
email-security-throttled-headline = Sign-in attempts to a staff account are being throttled
email-security-account = Account
email-security-unknown-account = an address that is not a staff account
email-security-source = From address
email-security-failures = Failed attempts in the last hour
email-security-throttled-advice = Further attempts from that address now wait longer each time; the owner can still sign in from elsewhere. If this was not a member of staff, consider asking them to turn on two-step verification, and look at the audit log.
email-security-open = Open the audit log
email-with = With
email-language = Language
email-join = How to join
email-reason = Reason given
