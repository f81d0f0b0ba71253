## Birgemiz — English

language-name-kk = Қазақша
language-name-ru = Русский
language-name-en = English
choose-language = Тілді таңдаңыз / Выберите язык / Choose a language:
language-changed = The bot now speaks English.

## Command menu

command-start = Register and start
command-profile = My profile
command-language = Change language
command-help = Help
command-cancel = Leave the form
command-requests = Requests to add schools
command-grant = Grant a role

## Registration

welcome =
    Hello! I am <b>Birgemiz</b> («Біргеміз», "we are together"), the assistant of a professional community of teachers.
    Regional online workshops (шеберхана), the weekly methodical hour «Біз біргеміз» and the leading-school network meet here.
    To talk in another language, press a button below.
consent-text =
    To register, we need your consent to process your personal data (full name, school, subjects).
    Under the Law of the Republic of Kazakhstan "On personal data and their protection", the data are used only to organise workshops and methodical work and are not passed to third parties.
    Do you agree?
consent-agree = ✅ I agree
consent-decline = I do not agree
consent-declined = Understood. We cannot register you without consent, so nothing about you has been stored. If you change your mind, send /start.
consent-accepted = Thank you! Your consent is recorded.
ask-full-name = Write your full name (surname, first name, patronymic), for example: <i>Akhmetova Aigul Serikkyzy</i>.
ask-region = Choose your region:
ask-district = { $region }: choose your district or city:
ask-school =
    { $district }: choose your school (page { $page } of { $pages }).
    If it is not in the list, type a word or two of its name, for example: <i>Abai</i> or <i>№7</i>.
ask-school-name = Write the full name of your school. A coordinator will check it and add it to the directory.
school-search-empty = No school found for «{ $query }». Try other words or press "My school is not listed".
school-search-results = Schools found: { $count }. Choose yours:
ask-subjects = Which subjects do you teach? Tick one or more, then press "Done".
subjects-too-many = You can tick at most { $max } subjects.
subjects-none = Tick at least one subject.
directory-empty = The school directory is not filled in yet. Contact a coordinator or send /start later.
registration-done = Registration complete, { $name }! Welcome to the Birgemiz community.
registration-continue = Let us continue your registration where you stopped.
registration-restart = Your registration data were not fully saved. Send /start to begin again.
welcome-back = Welcome back, { $name }! Commands: /help
deeplink-unknown = This link is not valid or has expired. Commands: /help
menu =
    What you can do:
    /sessions — upcoming workshop sessions, and signing up
    /my — my sessions
    /materials — the materials archive
    /profile — your profile: name, school, subjects
    /language — change the language
    /help — help
    /cancel — leave any form

## Buttons

button-back = ⬅️ Back
button-school-missing = My school is not listed
button-all-schools = 📋 All schools
button-done = ✅ Done
button-approve = ✅ Add to the directory
button-reject = ❌ Reject

## Profile

profile-card =
    <b>My profile</b>
    Name: { $name }
    Region: { $region }
    District / city: { $district }
    School: { $school }
    Subjects: { $subjects }
    Roles: { $roles }
    Language: { $language }
    Registered on: { $registered }
profile-none = not given
profile-school-pending = { $school } (being checked by a coordinator)
profile-not-registered = You are not registered yet. Send /start to register.
profile-updated = ✅ Changes saved.
profile-edit-name = ✏️ Name
profile-edit-school = 🏫 School
profile-edit-subjects = 📚 Subjects
profile-edit-language = 🌐 Language

## Roles

role-teacher = teacher
role-leader = workshop leader
role-methodist = methodist
role-coordinator = coordinator
role-admin = administrator
grant-usage = Write it like this: <code>/grant ID ROLE</code>, for example <code>/grant 123456789 leader</code>. Roles: leader (workshop leader), methodist, coordinator.
grant-not-allowed = You cannot grant the role "{ $role }".
grant-unknown-user = There is no registered user with this ID: the person has to register in the bot first.
grant-done = Role granted: { $role }.
grant-already = This user already has the role "{ $role }".
grant-notice = You have a new role: { $role }. Your command menu is updated; help: /help
grant-ask-user = Write the Telegram ID of the person who gets the role (digits only, for example 123456789). They must be registered in the bot.
grant-id-invalid = An ID is digits only, for example 123456789. Please write it again.
grant-ask-role = { $name }: which role should they get?
grant-confirm = { $name } will get the role "{ $role }". Confirm?
grant-confirm-button = ✅ Grant the role

## Requests to add schools

school-request-new =
    <b>Request №{ $id }</b>: add a school to the directory
    Teacher: { $name }
    District / city: { $place }
    School name: { $school }
school-requests-none = No open requests.
school-request-approved = «{ $school }» is added to the directory; the teacher has been told.
school-request-rejected = The request for «{ $school }» is rejected; the teacher has been told.
school-request-teacher-approved = Good news: «{ $school }» is now in the directory and in your profile.
school-request-teacher-rejected = Your request for «{ $school }» was rejected. Try finding your school in the list through /profile, or write to a coordinator.
school-request-sent = Your request to add your school to the directory has gone to the coordinators. We will tell you when they decide.

## Cancel, help

cancel-nothing = There is no form to leave. Commands: /help
cancel-done = You left the form; your profile is unchanged.
cancel-done-unregistered = Registration stopped. Send /start to begin again.
help =
    <b>Birgemiz</b> is the bot of a professional community of teachers: regional online workshops, the methodical hour «Біз біргеміз», the leading-school network.
    /sessions — upcoming sessions
    /my — my sessions
    /checkin CODE — check in to a session
    /materials — the materials archive
    /start — register
    /profile — my profile
    /language — change the language
    /cancel — leave a form
help-leader =
    <b>For workshop leaders:</b>
    /propose — propose a workshop
    /myworkshops — my workshops: sessions, attendance, materials
    /feedback NUMBER — feedback on a session
help-coordinator =
    <b>For coordinators:</b>
    /broadcast — send a broadcast
    /broadcasts — past broadcasts
    /requests — requests to add schools
    /grant ID ROLE — grant a role (leader: workshop leader, methodist, coordinator)

## Errors

error-full-name = Write your full name in at least two words, without digits, for example: <i>Akhmetova Aigul Serikkyzy</i>.
error-school-name = A school name must be 5 to 200 characters long. Write the full name again.
error-stale-button = This button is out of date. Use the buttons in the latest message.
error-permission = You do not have the rights for this action.
error-not-found = Not found: it may have changed or been removed. Try again from the start.
error-already-decided = This request has already been decided.
error-invalid-input = That value is not valid. Please try again.
error-generic = The action did not go through. Please try again.
error-unknown-command = There is no such command. Commands: /help
error-expected-text = This step needs text. Send your answer as a message.
error-expected-button = Choose one of the buttons above. To leave the form: /cancel
error-private-only = I work in a private chat: open https://t.me/{ $bot } and send /start.
error-not-registered = Please register first: send /start.
error-not-understood = I did not understand. Commands: /help
error-edited = I do not read edited messages. Please send a new message.
error-unexpected = Sorry, something went wrong. Try again in a moment; if it happens again, send /cancel and start over.

## Date and time (Asia/Almaty)

date-full = { $day } { $month } { $year }
date-time = { $day } { $month }, { $time }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Broadcasts (for coordinators)

command-broadcast = Send a broadcast
command-broadcasts = Past broadcasts
audience-all = All teachers
audience-region = Region
audience-district = District / city
audience-school = School
audience-role = Role
audience-subject = Subject
broadcast-compose = Send me the message to broadcast: text, a photo, a document or a video. Recipients get an exact copy. To stop: /cancel
broadcast-unsupported = Polls, locations and contacts cannot be broadcast. Send text, a photo, a document or a video.
broadcast-audience = Who should receive it?
broadcast-pick-region = Choose the region:
broadcast-pick-district = { $place }: choose the district or city:
broadcast-pick-school = { $place }: choose the school:
broadcast-pick-role = Choose the role:
broadcast-pick-subject = Choose the subject:
broadcast-preview-below = This is how recipients will see it:
broadcast-confirm = Recipients: { $audience }. People in all: { $count }. Send it?
broadcast-send = ✅ Send
broadcast-discard = ❌ Discard
broadcast-discarded = The broadcast was not sent.
broadcast-started = Broadcast №{ $id } is going out to { $count } recipients. Its progress shows in this message.
broadcast-stop = ⏹ Stop
broadcast-stopping = Broadcast stopped; messages that will not be sent: { $count }.
broadcast-progress =
    Broadcast №{ $id } is going out
    Delivered: { $sent } of { $total }
    Blocked the bot: { $blocked }
    Not delivered: { $failed }
    Left: { $left }
    Speed: { $rate } messages a second
broadcast-finished =
    Broadcast №{ $id } is done
    Delivered: { $sent } of { $total }
    Blocked the bot: { $blocked }
    Not delivered: { $failed }
broadcast-cancelled =
    Broadcast №{ $id } was stopped
    Delivered: { $sent } of { $total }
    Blocked the bot: { $blocked }
    Not delivered: { $failed }
broadcasts-none = No broadcasts yet. Start one: /broadcast
broadcasts-title = <b>Recent broadcasts</b>
broadcasts-line = №{ $id }, { $when } — { $audience }: delivered { $sent }, blocked { $blocked }, not delivered { $failed }, left { $left }
audience-session = Participants of a session
audience-workshop = Participants of a workshop
audience-group-registered = Everyone signed up
audience-group-attended = Those who attended
audience-group-absent = Signed up but did not come
broadcast-pick-session = Choose the session:
broadcast-pick-workshop = Choose the workshop:
broadcast-pick-group = Which participants should get it?
broadcast-no-sessions = There are no sessions to choose from.
broadcast-no-workshops = There are no open workshops yet.
person-unnamed = No name given (id { $id })
