## Materials: video lessons, lesson notes, presentations, expert materials (rules, 4.2)

materials-kind-video = Video lesson
materials-kind-notes = Lesson notes
materials-kind-slides = Presentation
materials-kind-expert = Expert material
materials-kind-link = Link

## Adding a material (the workshop leader or a coordinator)

materials-target-workshop = Workshop «{ $workshop }»
materials-target-session = Workshop «{ $workshop }», session «{ $topic }» ({ $when })
materials-add-kind =
    <b>Adding a material</b>
    { $target }
    Choose the kind of material. To stop: /cancel
materials-ask-file = { $kind }: send the file here — a document, a video or a picture. To stop: /cancel
materials-ask-url = Send the link: a full address starting with http:// or https://, for example <i>https://youtu.be/...</i>. To stop: /cancel
materials-ask-title = Write the material's title (3–200 characters), for example: <i>Lesson notes: comparing fractions</i>.
materials-expected-file = This step needs a file: a document, a video or a picture. If your material is a link, press «Back» and choose «Link».
materials-expected-url = This step needs a link: send an address starting with http:// or https:// as text. To send a file instead, press «Back» and choose another kind.
materials-error-url = That link will not do: only a full address starting with http:// or https:// is accepted, for example <i>https://youtu.be/...</i>. Please send it again.
materials-error-title = The title must be 3 to 200 characters long. Please write it again.
materials-saved =
    ✅ Material saved.
    { $kind }: { $title }
    { $target }
    Every teacher sees an approved workshop's materials in the archive: /materials

## The archive of materials

materials-archive =
    <b>Archive of materials</b>
    Video lessons, lesson notes, presentations and expert materials of the online workshops. Choose a workshop (page { $page } of { $pages }).
    To search, write a word or two, for example: <i>fractions notes</i>.
materials-archive-empty = The archive has no materials yet. Workshop leaders publish video lessons, lesson notes and presentations here after their sessions.
materials-months =
    <b>{ $workshop }</b>
    Choose a month:
materials-month-button = { $month } { $year } ({ $count })
materials-month =
    <b>{ $workshop }</b> — { $month } { $year }
    Press a button to open a material:
materials-month-empty = No materials are left in this month. Choose another month.
materials-line = { $number }. { $kind }: { $title }
materials-search-found = Materials found for «{ $query }»: { $count }. Press a button to open one:
materials-search-line = { $number }. { $kind }: { $title } — { $workshop }
materials-search-empty = No materials found for «{ $query }». Try other words, or browse the archive by workshop: /materials
materials-expected-words = To search, write words as text, for example: <i>video lesson mathematics</i>.
materials-caption =
    <b>{ $title }</b>
    { $workshop }
materials-link =
    🔗 <a href="{ $url }">{ $title }</a>
    { $workshop }
materials-open-failed = The material could not be sent: the file is no longer available in Telegram. Please contact the workshop leader.

## To participants after a session

materials-delivery =
    <b>Materials of the session «{ $topic }»</b>
    Workshop: { $workshop }
    Thank you for taking part! To open a material, press its link or a button below. All materials are in the archive: /materials
materials-delivery-link-line = { $number }. { $kind }: <a href="{ $url }">{ $title }</a>
materials-delivery-more = { $count } more in the archive: /materials
