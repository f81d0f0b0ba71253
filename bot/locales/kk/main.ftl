## Біргеміз — қазақша (негізгі тіл)

language-name-kk = Қазақша
language-name-ru = Русский
language-name-en = English
choose-language = Тілді таңдаңыз / Выберите язык / Choose a language:
language-changed = Бот енді қазақ тілінде сөйлейді.

## Командалар мәзірі

command-start = Тіркелу және бастау
command-profile = Менің профилім
command-language = Тілді ауыстыру
command-help = Анықтама
command-cancel = Форманы тоқтату
command-requests = Мектеп қосу өтінімдері
command-grant = Рөл беру

## Тіркелу

welcome =
    Сәлеметсіз бе! Мен — <b>Біргеміз</b>, педагогтердің кәсіби қоғамдастығының көмекшісімін.
    Мұнда онлайн-шеберханалар, «Біз біргеміз» әдістемелік сағаты және жетекші мектептер желісі бір жерде жиналады.
    Басқа тілде сөйлескіңіз келсе, төмендегі батырманы басыңыз.
consent-text =
    Тіркелу үшін дербес деректеріңізді (аты-жөніңіз, мектебіңіз, пәндеріңіз) өңдеуге келісіміңіз қажет.
    Деректер Қазақстан Республикасының «Дербес деректер және оларды қорғау туралы» Заңына сәйкес тек шеберханалар мен әдістемелік жұмысты ұйымдастыру үшін пайдаланылады және үшінші тұлғаларға берілмейді.
    Келісесіз бе?
consent-agree = ✅ Келісемін
consent-decline = Келіспеймін
consent-declined = Түсінікті. Келісімсіз тіркей алмаймыз, сондықтан сіз туралы ешқандай дерек сақталмады. Ойыңыз өзгерсе, /start жіберіңіз.
consent-accepted = Рақмет! Келісіміңіз қабылданды.
ask-full-name = Аты-жөніңізді толық жазыңыз (тегі, аты, әкесінің аты), мысалы: <i>Ахметова Айгүл Серікқызы</i>.
ask-region = Облысыңызды таңдаңыз:
ask-district = { $region }: ауданыңызды немесе қалаңызды таңдаңыз:
ask-school =
    { $district }: мектебіңізді таңдаңыз ({ $page }/{ $pages } бет).
    Тізімнен таппасаңыз, мектеп атауынан бір-екі сөз жазыңыз, мысалы: <i>Абай</i> немесе <i>№7</i>.
ask-school-name = Мектебіңіздің толық атауын жазыңыз. Үйлестіруші тексеріп, анықтамалыққа қосады.
school-search-empty = «{ $query }» бойынша мектеп табылмады. Басқа сөзбен іздеп көріңіз немесе «Мектебім тізімде жоқ» батырмасын басыңыз.
school-search-results = Табылған мектептер саны: { $count }. Өз мектебіңізді таңдаңыз:
ask-subjects = Қай пәндерден сабақ бересіз? Бірнешеуін белгілеп, соңында «Дайын» батырмасын басыңыз.
subjects-too-many = Ең көбі { $max } пән белгілеуге болады.
subjects-none = Кемінде бір пәнді белгілеңіз.
directory-empty = Мектептер анықтамалығы әлі толтырылмаған. Үйлестірушіге хабарласыңыз немесе кейінірек /start жіберіңіз.
registration-done = Тіркелу аяқталды, { $name }! Біргеміз қоғамдастығына қош келдіңіз.
registration-continue = Тіркелуді тоқтаған жерден жалғастырайық.
registration-restart = Тіркелу деректері толық сақталмапты. Қайтадан бастау үшін /start жіберіңіз.
welcome-back = Қайта қош келдіңіз, { $name }! Командалар тізімі: /help
deeplink-unknown = Бұл сілтеме жарамсыз немесе ескірген. Командалар тізімі: /help
menu =
    Менімен не істеуге болады:
    /sessions — алдағы шеберхана отырыстары, оларға жазылу
    /my — менің отырыстарым
    /materials — материалдар мұрағаты
    /profile — профиліңіз: аты-жөні, мектеп, пәндер
    /language — тілді ауыстыру
    /help — анықтама
    /cancel — кез келген форманы тоқтату

## Батырмалар

button-back = ⬅️ Артқа
button-school-missing = Мектебім тізімде жоқ
button-all-schools = 📋 Барлық мектептер
button-done = ✅ Дайын
button-approve = ✅ Анықтамалыққа қосу
button-reject = ❌ Қабылдамау

## Профиль

profile-card =
    <b>Менің профилім</b>
    Аты-жөні: { $name }
    Облыс: { $region }
    Аудан / қала: { $district }
    Мектеп: { $school }
    Пәндер: { $subjects }
    Рөлдер: { $roles }
    Тіл: { $language }
    Тіркелген күні: { $registered }
profile-none = көрсетілмеген
profile-school-pending = { $school } (үйлестіруші тексеруде)
profile-not-registered = Сіз әлі тіркелмегенсіз. Тіркелу үшін /start жіберіңіз.
profile-updated = ✅ Өзгерістер сақталды.
profile-edit-name = ✏️ Аты-жөні
profile-edit-school = 🏫 Мектеп
profile-edit-subjects = 📚 Пәндер
profile-edit-language = 🌐 Тіл

## Рөлдер

role-teacher = мұғалім
role-leader = шеберхана жетекшісі
role-methodist = әдіскер
role-coordinator = үйлестіруші
role-admin = әкімші
grant-usage = Былай жазыңыз: <code>/grant ID РӨЛ</code>, мысалы <code>/grant 123456789 leader</code>. Рөлдер: leader — шеберхана жетекшісі, methodist — әдіскер, coordinator — үйлестіруші.
grant-not-allowed = Сіз «{ $role }» рөлін бере алмайсыз.
grant-unknown-user = Бұл ID бойынша тіркелген пайдаланушы жоқ: адам алдымен ботқа тіркелуі керек.
grant-done = Рөл берілді: { $role }.
grant-already = Бұл пайдаланушыда «{ $role }» рөлі бұрыннан бар.
grant-notice = Сізге жаңа рөл берілді: { $role }. Командалар мәзірі жаңартылды, анықтама: /help
grant-ask-user = Рөл берілетін адамның Telegram ID-ін жазыңыз (тек цифрлар, мысалы 123456789). Ол ботқа тіркелген болуы керек.
grant-id-invalid = ID тек цифрлардан тұрады, мысалы 123456789. Қайта жазыңыз.
grant-ask-role = { $name }: қандай рөл береміз?
grant-confirm = { $name } «{ $role }» рөлін алады. Растайсыз ба?
grant-confirm-button = ✅ Рөл беру

## Мектеп қосу өтінімдері

school-request-new =
    <b>№{ $id } өтінім</b>: мектепті анықтамалыққа қосу
    Мұғалім: { $name }
    Аудан / қала: { $place }
    Мектеп атауы: { $school }
school-requests-none = Қаралмаған өтінім жоқ.
school-request-approved = «{ $school }» анықтамалыққа қосылды, мұғалімге хабарланды.
school-request-rejected = «{ $school }» бойынша өтінім қабылданбады, мұғалімге хабарланды.
school-request-teacher-approved = Жақсы жаңалық: «{ $school }» анықтамалыққа қосылды және профиліңізге жазылды.
school-request-teacher-rejected = «{ $school }» бойынша өтініміңіз қабылданбады. Мектебіңізді /profile арқылы тізімнен қайта іздеп көріңіз немесе үйлестірушіге жазыңыз.
school-request-sent = Мектебіңізді анықтамалыққа қосу туралы өтінім үйлестірушілерге жіберілді. Шешім шыққан соң хабарлаймыз.

## Форманы тоқтату, анықтама

cancel-nothing = Тоқтататын форма жоқ. Командалар тізімі: /help
cancel-done = Форма тоқтатылды, профиліңіз өзгерген жоқ.
cancel-done-unregistered = Тіркелу тоқтатылды. Қайта бастау үшін /start жіберіңіз.
help =
    <b>Біргеміз</b> — педагогтердің кәсіби қоғамдастығына арналған бот: өңірлік онлайн-шеберханалар, «Біз біргеміз» әдістемелік сағаты, жетекші мектептер желісі.
    /sessions — алдағы отырыстар
    /my — менің отырыстарым
    /checkin КОД — отырысқа қатысуды белгілеу
    /materials — материалдар мұрағаты
    /start — тіркелу
    /profile — менің профилім
    /language — тілді ауыстыру
    /cancel — форманы тоқтату
help-leader =
    <b>Шеберхана жетекшісіне:</b>
    /propose — шеберхана ұсыну
    /myworkshops — менің шеберханаларым: отырыс жоспарлау, қатысу, материалдар
    /feedback НӨМІР — отырыс бойынша кері байланыс
help-coordinator =
    <b>Үйлестірушіге:</b>
    /broadcast — хабарландыру тарату
    /broadcasts — таратылған хабарландырулар
    /requests — тізімде жоқ мектептер бойынша өтінімдер
    /grant ID РӨЛ — рөл беру (leader — шеберхана жетекшісі, methodist — әдіскер, coordinator — үйлестіруші)

## Қателер

error-full-name = Аты-жөніңізді кемінде екі сөзбен, цифрсыз жазыңыз, мысалы: <i>Ахметова Айгүл Серікқызы</i>.
error-school-name = Мектеп атауы 5-тен 200 таңбаға дейін болуы керек. Толық атауын қайта жазыңыз.
error-stale-button = Бұл батырма ескірген. Соңғы хабарламадағы батырмаларды пайдаланыңыз.
error-permission = Бұл әрекетке құқығыңыз жоқ.
error-not-found = Жазба табылмады, мүмкін ол өзгерген немесе жойылған. Қайтадан бастап көріңіз.
error-already-decided = Бұл өтінім бойынша шешім қабылданып қойған.
error-invalid-input = Енгізілген мән дұрыс емес. Қайта жазып көріңіз.
error-generic = Әрекет орындалмады. Қайтадан көріңіз.
error-unknown-command = Мұндай команда жоқ. Командалар тізімі: /help
error-expected-text = Бұл қадамда мәтін жазу керек. Жауабыңызды хабарлама етіп жіберіңіз.
error-expected-button = Жоғарыдағы батырмалардың бірін таңдаңыз. Форманы тоқтату үшін: /cancel
error-private-only = Мен жеке чатта жұмыс істеймін: https://t.me/{ $bot } сілтемесін ашып, /start жіберіңіз.
error-not-registered = Алдымен тіркеліңіз: /start жіберіңіз.
error-not-understood = Түсінбедім. Командалар тізімі: /help
error-edited = Өзгертілген хабарламаларды оқымаймын. Жаңа хабарлама жіберіңіз.
error-unexpected = Кешіріңіз, бірдеңе дұрыс болмады. Біраздан кейін қайталап көріңіз; қате қайталанса, /cancel жіберіп, басынан бастаңыз.

## Күн мен уақыт (Asia/Almaty)

date-full = { $year } жылғы { $day } { $month }
date-time = { $day } { $month }, { $time }
month-1 = қаңтар
month-2 = ақпан
month-3 = наурыз
month-4 = сәуір
month-5 = мамыр
month-6 = маусым
month-7 = шілде
month-8 = тамыз
month-9 = қыркүйек
month-10 = қазан
month-11 = қараша
month-12 = желтоқсан

## Хабарландыру тарату (үйлестірушіге)

command-broadcast = Хабарландыру тарату
command-broadcasts = Таратылған хабарландырулар
audience-all = Барлық мұғалімдер
audience-region = Облыс
audience-district = Аудан / қала
audience-school = Мектеп
audience-role = Рөл
audience-subject = Пән
broadcast-compose = Таратылатын хабарламаны жіберіңіз: мәтін, фото, құжат немесе бейне. Ол алушыларға дәл осы күйінде көшіріледі. Тоқтату үшін: /cancel
broadcast-unsupported = Сауалнама, геолокация мен контактіні таратуға болмайды. Мәтін, фото, құжат немесе бейне жіберіңіз.
broadcast-audience = Хабарландыруды кімдерге жібереміз?
broadcast-pick-region = Облысты таңдаңыз:
broadcast-pick-district = { $place }: ауданды немесе қаланы таңдаңыз:
broadcast-pick-school = { $place }: мектепті таңдаңыз:
broadcast-pick-role = Рөлді таңдаңыз:
broadcast-pick-subject = Пәнді таңдаңыз:
broadcast-preview-below = Хабарландыру алушыларға былай көрінеді:
broadcast-confirm = Алушылар: { $audience }. Барлығы { $count } адам. Жібереміз бе?
broadcast-send = ✅ Жіберу
broadcast-discard = ❌ Бас тарту
broadcast-discarded = Хабарландыру жіберілмеді.
broadcast-started = №{ $id } хабарландыру таратылуда: { $count } алушы. Барысын осы хабарламадан көресіз.
broadcast-stop = ⏹ Тоқтату
broadcast-stopping = Тарату тоқтатылды, { $count } хабарлама жіберілмейді.
broadcast-progress =
    №{ $id } хабарландыру таратылуда
    Жеткізілді: { $sent } / { $total }
    Ботты бұғаттағандар: { $blocked }
    Жеткізілмеді: { $failed }
    Қалды: { $left }
    Жылдамдық: секундына { $rate } хабарлама
broadcast-finished =
    №{ $id } хабарландыру таратылып болды
    Жеткізілді: { $sent } / { $total }
    Ботты бұғаттағандар: { $blocked }
    Жеткізілмеді: { $failed }
broadcast-cancelled =
    №{ $id } хабарландыру тоқтатылды
    Жеткізілді: { $sent } / { $total }
    Ботты бұғаттағандар: { $blocked }
    Жеткізілмеді: { $failed }
broadcasts-none = Әлі бірде-бір хабарландыру таратылған жоқ. Жаңасын бастау: /broadcast
broadcasts-title = <b>Соңғы хабарландырулар</b>
broadcasts-line = №{ $id }, { $when } — { $audience }: жеткізілді { $sent }, бұғаттағандар { $blocked }, жеткізілмеді { $failed }, қалды { $left }
audience-session = Отырыс қатысушылары
audience-workshop = Шеберхана қатысушылары
audience-group-registered = Жазылғандардың бәрі
audience-group-attended = Қатысқандар
audience-group-absent = Жазылып, келмегендер
broadcast-pick-session = Отырысты таңдаңыз:
broadcast-pick-workshop = Шеберхананы таңдаңыз:
broadcast-pick-group = Қатысушылардың қайсысына жібереміз?
broadcast-no-sessions = Таңдайтын отырыс жоқ.
broadcast-no-workshops = Ашылған шеберхана әзірге жоқ.
person-unnamed = Аты-жөні көрсетілмеген (id { $id })
