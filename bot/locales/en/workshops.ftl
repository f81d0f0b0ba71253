## Online workshops and sessions

command-sessions = Upcoming sessions
command-my = My sessions
command-propose = Propose a workshop
command-myworkshops = My workshops
command-checkin = Check in to a session with a code

error-in-the-past = That time has passed. Choose a date and time in the future.
error-one-session-a-month = A workshop meets once a month and this month already has a session. For an extra one, write to a coordinator: they can schedule it.
error-session-closed = This session has already begun or was cancelled.
error-workshop-not-approved = Sessions can only be scheduled for a workshop the methodical council approved.

## Proposal

workshop-leaders-only = This is for workshop leaders. A coordinator grants the role.
propose-title = Write the workshop's title (5–200 characters).
propose-title-invalid = The title must be 5 to 200 characters long. Write it again.
propose-subject = Which subject is the workshop for?
workshop-subject-any = Several subjects
propose-method = Describe your authorial method briefly: what you offer and what it achieves (20–3000 characters).
propose-method-invalid = The description must be 20 to 3000 characters long. Write it again.
propose-audience = Who is the workshop for? Write subjects and grades, for example: <i>mathematics, grades 5–9</i>.
propose-audience-invalid = Write 3 to 300 characters, for example: <i>mathematics, grades 5–9</i>.
propose-plan = Send the work plan for the year: as text, or as a document (PDF, Word).
propose-plan-invalid = Write the plan in 20–3500 characters or send it as a document.
propose-sent = Your proposal of «{ $title }» has gone to the coordinators. We will tell you the methodical council's decision.
workshop-proposed =
    <b>New workshop proposal №{ $id }</b>
    Title: { $title }
    Leader: { $leader }
    For: { $audience }
    Method: { $method }
workshop-approve = ✅ Approve
workshop-reject = ❌ Reject
workshop-reject-reason = Write the reason for rejecting «{ $title }»: the leader will receive it.
workshop-reject-reason-invalid = Write the reason in 3 to 500 characters.
workshop-approved-by-you = «{ $title }» is approved; the leader has been told.
workshop-rejected-by-you = «{ $title }» is rejected; the leader has been sent the reason.
workshop-approved = Congratulations! The methodical council approved your workshop «{ $title }». You can schedule sessions now: /myworkshops
workshop-rejected =
    Your proposal of «{ $title }» was rejected.
    Reason: { $reason }
    You can correct it and propose again: /propose
workshops-none = You have no workshops yet. Propose one: /propose
workshops-mine = Your workshops:
workshop-card =
    <b>{ $title }</b> (№{ $id })
    Leader: { $leader }
    For: { $audience }
    Method: { $method }
    Work plan: { $plan }
workshop-plan-attached = attached as a document
workshop-status-proposed = ⏳ Waiting for the methodical council's decision.
workshop-status-approved = ✅ Approved. You can schedule one session a month.
workshop-status-rejected = ✖️ Rejected.
workshop-schedule = ➕ Schedule a session

## Scheduling a session

schedule-day = When is the session of «{ $title }»? Choose the day in the calendar.
schedule-time = { $day } { $month }. What time does it start? Choose a time or type it, for example: <i>17:45</i> (Astana time).
schedule-time-invalid = Type the time like this: <i>17:45</i>
schedule-duration = { $when }. How long is the session?
schedule-minutes = { $minutes } min
schedule-place = Write the online link (Zoom, Google Meet…) or the place.
schedule-place-invalid = Write a link starting with http:// or https://, or an address of 3–300 characters.
schedule-capacity = How many seats? Choose or type a number.
schedule-unlimited = Unlimited
schedule-capacity-invalid = Type a number of seats from 1 to 10000, or press a button.
schedule-topic = What is the session's topic? (3–300 characters)
schedule-topic-invalid = Write a topic of 3 to 300 characters.
schedule-done =
    The session «{ $topic }» is scheduled.
    Link to share in groups: { $link }

## Sessions (for teachers)

session-summary =
    <b>{ $title }</b>
    Topic: { $topic }
    Time: { $when } ({ $minutes } min)
    Where: { $where }
session-link-after-signup = the link shows after you sign up
session-leader = Workshop leader: { $name }
session-seats-unlimited = Unlimited seats, signed up: { $registered }
session-seats-left = Seats left: { $left }
session-seats-full = No seats left, on the waitlist: { $waiting }
session-you-registered = ✅ You are signed up.
session-you-waitlisted = ⏳ You are on the waitlist: place { $position }.
session-join = ✍️ Sign up
session-leave = Cancel my place
session-manage = ⚙️ Manage
session-back-to-list = ⬅️ All sessions
session-open = Open the session
session-registered = You are signed up for the session!
session-waitlisted = No seats left: you are on the waitlist (place { $position }). We will tell you if a seat frees up.
session-left = You gave up your place.
session-plan =
    <b>{ $title }</b>: the workshop's work plan
    { $plan }
session-plan-caption = { $title }: the workshop's work plan
session-ics-caption = Add it to your calendar: { $when }
session-promoted =
    A seat freed up: you are now signed up for the session!
    { $summary }
session-moved =
    The session's time has changed.
    { $summary }
session-cancelled =
    The session is cancelled.
    { $summary }
session-reminder-day =
    Reminder: the session is tomorrow.
    { $summary }
session-reminder-hour =
    Reminder: the session starts in an hour.
    { $summary }
sessions-none = No upcoming sessions.
sessions-title = <b>Upcoming sessions</b> (page { $page } of { $pages })
sessions-line =
    { $when } — <b>{ $title }</b>
    { $seats }
sessions-line-open = unlimited seats
sessions-filter = Choose a subject:
sessions-filter-button = 🔎 By subject
sessions-all-subjects = All subjects
my-none = You have not signed up for any session yet. Upcoming sessions: /sessions
my-title = <b>My sessions</b>
my-line = { $when } — { $title }: { $state }
my-registered = signed up
my-waitlisted = on the waitlist, place { $position }

## Managing a session (for leaders)

manage-figures =
    Signed up: { $registered }, on the waitlist: { $waiting }
    { $names }
manage-move = 🕒 Move
manage-cancel = ✖️ Cancel
manage-cancel-sure = Cancel the session? Everyone signed up will be told.
manage-cancel-yes = Yes, cancel it
manage-cancelled = The session is cancelled.
manage-move-day = «{ $topic }» is now on { $when }. Choose the new day in the calendar.
manage-moved =
    The session is moved.
    { $summary }
manage-told = People who will be told: { $count }
manage-attendance = 🧾 Mark attendance
manage-checkin = 🔢 Check-in code
manage-materials = 📎 Add a material
manage-feedback = 💬 Feedback
command-materials = Materials archive
command-feedback = Session feedback
