## Онлайн-шеберханалар мен отырыстар

command-sessions = Алдағы отырыстар
command-my = Менің отырыстарым
command-propose = Шеберхана ұсыну
command-myworkshops = Менің шеберханаларым
command-checkin = Отырысқа кодпен белгілену

error-in-the-past = Бұл уақыт өтіп кетті. Алдағы күн мен уақытты таңдаңыз.
error-one-session-a-month = Шеберхана айына бір рет өтеді: бұл айда отырыс бар. Қосымша отырыс қажет болса, үйлестірушіге жазыңыз, ол оны өзі жоспарлай алады.
error-session-closed = Бұл отырыс басталып кеткен немесе тоқтатылған.
error-workshop-not-approved = Отырыстарды әдістемелік кеңес мақұлдаған шеберханаға ғана жоспарлауға болады.

## Ұсыныс

workshop-leaders-only = Бұл мүмкіндік шеберхана жетекшілеріне арналған. Рөлді үйлестіруші береді.
propose-title = Шеберхананың атауын жазыңыз (5–200 таңба).
propose-title-invalid = Атау 5-тен 200 таңбаға дейін болуы керек. Қайта жазыңыз.
propose-subject = Шеберхана қай пәнге арналған?
workshop-subject-any = Бірнеше пәнге
propose-method = Авторлық әдістемеңізді қысқаша сипаттаңыз: не ұсынасыз, қандай нәтиже береді (20–3000 таңба).
propose-method-invalid = Сипаттама 20-дан 3000 таңбаға дейін болуы керек. Қайта жазыңыз.
propose-audience = Шеберхана кімдерге арналған? Пәндер мен сыныптарды жазыңыз, мысалы: <i>математика, 5–9 сыныптар</i>.
propose-audience-invalid = 3-тен 300 таңбаға дейін жазыңыз, мысалы: <i>математика, 5–9 сыныптар</i>.
propose-plan = Жылдық жұмыс жоспарын жіберіңіз: мәтінмен жазыңыз немесе құжат (PDF, Word) етіп жіберіңіз.
propose-plan-invalid = Жоспарды 20–3500 таңбамен жазыңыз немесе құжат етіп жіберіңіз.
propose-sent = «{ $title }» шеберханасы туралы ұсыныс үйлестірушілерге жіберілді. Әдістемелік кеңестің шешімін хабарлаймыз.
workshop-proposed =
    <b>Жаңа шеберхана ұсынысы №{ $id }</b>
    Атауы: { $title }
    Жетекшісі: { $leader }
    Кімдерге: { $audience }
    Әдістеме: { $method }
workshop-approve = ✅ Мақұлдау
workshop-reject = ❌ Қабылдамау
workshop-reject-reason = «{ $title }» ұсынысын қабылдамау себебін жазыңыз: ол жетекшіге жіберіледі.
workshop-reject-reason-invalid = Себебін 3-тен 500 таңбаға дейін жазыңыз.
workshop-approved-by-you = «{ $title }» шеберханасы мақұлданды, жетекшіге хабарланды.
workshop-rejected-by-you = «{ $title }» шеберханасы қабылданбады, жетекшіге себебі жіберілді.
workshop-approved = Құттықтаймыз! «{ $title }» шеберханаңызды әдістемелік кеңес мақұлдады. Енді отырыстарды жоспарлай аласыз: /myworkshops
workshop-rejected =
    «{ $title }» шеберханасы бойынша ұсынысыңыз қабылданбады.
    Себебі: { $reason }
    Түзетіп, қайта ұсына аласыз: /propose
workshops-none = Сізде әлі шеберхана жоқ. Ұсыну үшін: /propose
workshops-mine = Сіздің шеберханаларыңыз:
workshop-card =
    <b>{ $title }</b> (№{ $id })
    Жетекшісі: { $leader }
    Кімдерге: { $audience }
    Әдістеме: { $method }
    Жұмыс жоспары: { $plan }
workshop-plan-attached = құжат түрінде тіркелген
workshop-status-proposed = ⏳ Әдістемелік кеңестің шешімін күтуде.
workshop-status-approved = ✅ Мақұлданған. Айына бір отырыс жоспарлай аласыз.
workshop-status-rejected = ✖️ Қабылданбаған.
workshop-schedule = ➕ Отырыс жоспарлау

## Отырыс жоспарлау

schedule-day = «{ $title }» шеберханасының отырысы қай күні өтеді? Күнтізбеден күнді таңдаңыз.
schedule-time = { $day } { $month }. Отырыс сағат нешеде басталады? Уақытты таңдаңыз немесе жазыңыз, мысалы: <i>17:45</i> (Астана уақытымен).
schedule-time-invalid = Уақытты осылай жазыңыз: <i>17:45</i>
schedule-duration = { $when }. Отырыс қанша уақытқа созылады?
schedule-minutes = { $minutes } мин
schedule-place = Онлайн сілтемені (Zoom, Google Meet…) немесе өтетін орнын жазыңыз.
schedule-place-invalid = http:// немесе https:// басталатын сілтеме, не болмаса 3–300 таңбалық мекенжай жазыңыз.
schedule-capacity = Қанша орын бар? Санын таңдаңыз немесе жазыңыз.
schedule-unlimited = Шектеусіз
schedule-capacity-invalid = Орын санын 1-ден 10000-ға дейінгі санмен жазыңыз немесе батырманы басыңыз.
schedule-topic = Отырыстың тақырыбы қандай? (3–300 таңба)
schedule-topic-invalid = Тақырыпты 3-тен 300 таңбаға дейін жазыңыз.
schedule-done =
    «{ $topic }» отырысы жоспарланды.
    Топтарға жіберуге арналған сілтеме: { $link }

## Отырыстар (мұғалімге)

session-summary =
    <b>{ $title }</b>
    Тақырыбы: { $topic }
    Уақыты: { $when } ({ $minutes } мин)
    Қайда: { $where }
session-link-after-signup = сілтеме жазылғаннан кейін көрінеді
session-leader = Шеберхана жетекшісі: { $name }
session-seats-unlimited = Орын шектелмеген, жазылғандар: { $registered }
session-seats-left = Бос орын: { $left }
session-seats-full = Орын жоқ, күту тізімінде: { $waiting }
session-you-registered = ✅ Сіз жазылдыңыз.
session-you-waitlisted = ⏳ Сіз күту тізіміндесіз: { $position }-орын.
session-join = ✍️ Жазылу
session-leave = Бас тарту
session-manage = ⚙️ Басқару
session-back-to-list = ⬅️ Отырыстар тізімі
session-open = Отырысты ашу
session-registered = Сіз отырысқа жазылдыңыз!
session-waitlisted = Орын жоқ: сіз күту тізіміне қосылдыңыз ({ $position }-орын). Орын босаса, хабарлаймыз.
session-left = Сіз отырыстан бас тарттыңыз.
session-plan =
    <b>{ $title }</b>: шеберхананың жұмыс жоспары
    { $plan }
session-plan-caption = { $title }: шеберхананың жұмыс жоспары
session-ics-caption = Күнтізбеге қосыңыз: { $when }
session-promoted =
    Орын босады, енді сіз отырысқа жазылдыңыз!
    { $summary }
session-moved =
    Отырыс уақыты өзгерді.
    { $summary }
session-cancelled =
    Отырыс тоқтатылды.
    { $summary }
session-reminder-day =
    Еске салу: ертең отырыс өтеді.
    { $summary }
session-reminder-hour =
    Еске салу: бір сағаттан кейін отырыс басталады.
    { $summary }
sessions-none = Алдағы уақытта отырыс жоқ.
sessions-title = <b>Алдағы отырыстар</b> ({ $page }/{ $pages } бет)
sessions-line =
    { $when } — <b>{ $title }</b>
    { $seats }
sessions-line-open = орын шектелмеген
sessions-filter = Пәнді таңдаңыз:
sessions-filter-button = 🔎 Пән бойынша сүзу
sessions-all-subjects = Барлық пәндер
my-none = Сіз әлі бірде-бір отырысқа жазылмағансыз. Алдағы отырыстар: /sessions
my-title = <b>Менің отырыстарым</b>
my-line = { $when } — { $title }: { $state }
my-registered = жазылдым
my-waitlisted = күту тізімінде, { $position }-орын

## Отырысты басқару (жетекшіге)

manage-figures =
    Жазылғандар: { $registered }, күту тізімінде: { $waiting }
    { $names }
manage-move = 🕒 Уақытын ауыстыру
manage-cancel = ✖️ Тоқтату
manage-cancel-sure = Отырысты шынымен тоқтатасыз ба? Жазылғандардың бәріне хабарлаймыз.
manage-cancel-yes = Иә, тоқтату
manage-cancelled = Отырыс тоқтатылды.
manage-move-day = «{ $topic }» отырысы қазір: { $when }. Жаңа күнін күнтізбеден таңдаңыз.
manage-moved =
    Отырыс ауыстырылды.
    { $summary }
manage-told = Хабарланатындар: { $count }
manage-attendance = 🧾 Қатысуды белгілеу
manage-checkin = 🔢 Кодпен белгілену
manage-materials = 📎 Материал қосу
manage-feedback = 💬 Кері байланыс
command-materials = Материалдар мұрағаты
command-feedback = Отырыс бойынша кері байланыс
