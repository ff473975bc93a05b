## Booking a consultation
booking-title = Book your free consultation
booking-intro = Choose a time for a { $minutes }-minute consultation with a lawyer. It is free and there is no obligation.
booking-zone-label = Show times in this time zone
booking-zone-hint = The firm's own time ({ $zone }) is shown in brackets.
booking-zone-update = Show times
booking-slot-legend = Date and time
booking-mode-legend = How would you like to meet?
booking-none = There are no free times in the coming weeks. Please write to us and we will find a time with you.
booking-taken = Sorry, the time you chose was just taken by someone else. Please choose another time; your answers are kept.
booking-firm-time = { $time } firm time
booking-your-time = Your time
booking-firm-zone-time = The firm's time
opt-consultation_mode-video = Video call
opt-consultation_mode-phone = Telephone call
opt-consultation_mode-in_person = In person
err-choose-slot = Choose a date and time
err-slot-taken = That time was just taken; choose another time

## Confirmation page
confirmation-consultation = Your consultation
confirmation-ics = Add to my calendar (.ics)

## Managing a booking
manage-title = Your consultation
manage-status = Status
manage-status-active = Booked
manage-status-cancelled = Cancelled
manage-locked = Your consultation is less than { $hours } hours away, so it can no longer be changed here. To change or cancel it, please write to { $email }.
manage-reschedule-title = Choose another time
manage-reschedule-button = Move my consultation
manage-cancel-title = Cancel the consultation
manage-cancel-button = Cancel my consultation
manage-book-again = Book a new consultation
manage-moved = Your consultation has been moved. We have emailed you an updated calendar invitation.
manage-cancelled = Your consultation has been cancelled. We have emailed you a confirmation.

## Calendar invitation
ics-summary = Free consultation with { $firm }
ics-description = Reference { $reference }. To reschedule or cancel: { $manage }
ics-description-cancelled = Reference { $reference }. This consultation is cancelled.

## The date-first picker (web/slot_picker.rs, macros/slots.html)
picker-how-title = How and with whom
picker-language-legend = Language of the consultation
picker-consultant-label = Consultant
picker-consultant-hint = Any available consultant gives you the most times to choose from.
picker-any-consultant = Any available consultant
picker-show = Show free days
picker-days-title = Choose a day
picker-zone = Times in { $zone }; the firm's time ({ $firm }) in brackets.
picker-zone-firm = Times in { $zone }, the firm's time zone.
picker-week = { $from } to { $to }
picker-previous-week = Previous week
picker-next-week = Next week
picker-times = { $count ->
    [one] 1 time
   *[other] { $count } times
}
picker-no-times = No free times
picker-times-on = Free times on { $day }
picker-show-night = { $count ->
    [one] Show 1 time between 22:00 and 07:00
   *[other] Show { $count } times between 22:00 and 07:00
}
picker-only-night = The free times on this day are between 22:00 and 07:00 in your time zone.
language-name-en = English
language-name-fr = French
language-name-es = Spanish
join-video = Join by video: { $link }
join-video-later = We will email you the link to the video meeting before the consultation.
join-phone = { $name } will call you at the number you gave us, from { $phone }.
join-phone-unknown = { $name } will call you at the number you gave us.
manage-booked = Your new consultation is booked. We have emailed you a confirmation with a calendar invitation.
manage-confirm-move-title = Move your consultation?
manage-confirm-move-button = Yes, move my consultation
manage-confirm-new-time = New time
manage-confirm-cancel-title = Cancel your consultation?
manage-confirm-cancel-button = Yes, cancel my consultation
manage-reason-label = Anything you would like us to know
manage-reason-hint = For example, why the time no longer suits you.
manage-keep = No, keep it as it is
confirmation-booked-title = Your consultation is booked
confirmation-email-sent = We have sent a confirmation with a calendar invitation to { $email }.
confirmation-calendar-title = Add it to your calendar
confirmation-google = Google Calendar
confirmation-outlook = Outlook.com
confirmation-ics-apple = Apple Calendar or another calendar (.ics file)
opens-new-tab = (opens in a new tab)
confirmation-manage = To change the time or cancel, use the link in the confirmation email.
calendar-link-details = Reference { $reference }. { $join }
picker-night-only = Night times only
