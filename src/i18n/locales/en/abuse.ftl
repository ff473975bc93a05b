## Abuse limits: one booking per person, daily caps per network, continue-later emails, bulk cancellation.

booking-already-booked = A consultation is already booked under this email address or phone number. To move or cancel it, use the “Manage your booking” link in your confirmation email, or write to { $email }. You can only book one consultation at a time.
booking-limit-title = Too many bookings from your network today
booking-limit-body = To keep consultations open to everyone, we accept only a few bookings a day from one network. Your answers are kept: please try again tomorrow.
booking-limit-contact = If you need a consultation sooner, write to { $email }.

email-alert-subject = Alert: { $count } consultations booked in the last hour
email-alert-intro = { $count } consultations were booked in the last hour (the alert threshold is { $threshold }).
email-alert-what = This may be someone booking out the calendar. Check the newest applications; you can select them and cancel their bookings at once.
email-alert-open = Open the applications

save-no-email-title = First, give us your email address
save-no-email-body = We send the link only to the email address given in your answers, on the “About you” page. Answer that page first, then you can ask for the link.
save-no-email-link = Go to “About you”
save-to = We will send a link to { $email }, the address in your answers. To use another address, change it on the “About you” page first.
save-limit = We have already sent several links to this address today. Please use the most recent email, or ask again tomorrow.

staff-bulk-select = Select
staff-bulk-select-row = Select application { $reference }
staff-bulk-cancel-button = Cancel the bookings of the selected applications
staff-bulk-title = Cancel bookings
staff-bulk-intro = Check what will happen, then confirm.
staff-bulk-none = No application was selected.
staff-bulk-will-cancel = Booking cancelled, slot freed
staff-bulk-nothing = No consultation to come: nothing to cancel
staff-bulk-col-consultation = Consultation
staff-bulk-col-effect = What happens
staff-bulk-notify-legend = Email the applicants a cancellation?
staff-bulk-notify-yes = Yes, email each applicant a cancellation for their calendar
staff-bulk-notify-no = No, cancel without emailing them (for example, spam)
staff-bulk-confirm = Cancel these bookings
staff-bulk-back = Back to the applications
staff-bulk-done-title = Bookings cancelled
staff-bulk-done = { $count } bookings cancelled; { $emailed } applicants emailed.
err-bulk-notify = Choose whether to email the applicants
staff-status-frees-slot = Setting “Spam” or “Declined” cancels a consultation to come and frees its slot (“Declined” emails the applicant a cancellation; “Spam” does not).
