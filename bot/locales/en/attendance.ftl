## Attendance of sessions: the workshop leader's list and the check-in code

attendance-title = 📋 <b>Attendance</b>: “{ $topic }”, { $when }
attendance-empty = Nobody has signed up for this session yet.
attendance-count = Present: { $present } of { $total }
attendance-saved = ✅ Marks saved. Present: { $present } of { $total }. To open the list again: /myworkshops
attendance-hint = Tap the name of each teacher who came: ✅ present, ▫️ not marked. Tapped by mistake? Tap again to remove the mark.
attendance-checkin-open-line = 🔑 Check-in code open: <code>{ $code }</code>
attendance-button-open-checkin = 🔑 Open check-in by code
attendance-button-close-checkin = 🔒 Close check-in
attendance-button-list = 📋 Attendance list
attendance-marked = ✅ Marked present
attendance-unmarked = ▫️ Mark removed
attendance-checkin-code =
    🔑 <b>Check-in code: <code>{ $code }</code></b>
    “{ $topic }”, { $when }
    Announce this code to the participants during the session or show it on screen. Each teacher sends the bot <code>/checkin { $code }</code> in a private chat and is marked present.
    The code works from { $before } min before the session starts until { $after } min after it ends. Once you close check-in, the code stops working.
attendance-checkin-closed = 🔒 Check-in closed; the code no longer works. You can mark the others in the list.
attendance-error-not-registered = This teacher is not signed up for this session, or cancelled, so they cannot be marked present.
attendance-error-session-cancelled = This session is cancelled; check-in cannot be opened.
attendance-error-checkin-over = The session ended too long ago to open check-in. Mark those present in the list.
attendance-checkin-done = ✅ Thank you! You are marked present at “{ $topic }”.
attendance-checkin-already = You are already marked present at “{ $topic }”; no need to send the code again.
attendance-checkin-usage = Put the 6-digit code the workshop leader gave after the command, for example: <code>/checkin 123456</code>
attendance-checkin-wrong-code =
    { $left ->
        [0] Wrong code. Too many wrong codes: try again in { $minutes } min.
       *[other] Wrong code. Check the code the workshop leader gave and send it again. Tries left: { $left }.
    }
attendance-checkin-no-seat = You are not signed up for the session with this code, so you cannot check in with it. Sign up for the next sessions in advance.
attendance-checkin-waitlisted = You are on the waiting list for “{ $topic }” and did not get a place, so you cannot be marked present. If you have questions, write to the workshop leader.
attendance-checkin-too-early = “{ $topic }” has not started yet. The code starts working at: { $when }.
attendance-checkin-ended = “{ $topic }” is over and the code no longer works. If you were there, tell the workshop leader: they will mark you in the list.
attendance-checkin-locked = Too many wrong codes. Try again in { $minutes } min.
