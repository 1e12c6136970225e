"""Turkish: a refusal letter written with the polite "siz", as Turkish business letters are.

Turkish negates and conditions with suffixes after the word, so where an English rule
guards against a "not" before it, these rules carry a lookahead for the suffix after it.
"""

from __future__ import annotations

from functools import partial

from workflow.tone.letter_checks import any_match
from workflow.tone.lexicon import Lexicon, phrase

_rule = partial(phrase, "tr")
_NOT_AFTER = r"(?! (?:olmadı\w*|olmamı\w*|bulunma\w*|yok|değil\w*|sayılmaz))"

PHRASES = (
    _rule(
        "condescension",
        "belli_ki",
        r"\bbelli ki\b|\bbesbelli\b|\bapaçık\b|\b(?:çok|gayet) (?:belli|bariz)\b|\bbariz\b"
        r"|\bsöylemeye (?:bile )?gerek yok\b|\bbelki bir dahaki sefere\b"
        r"|\bküçük (?:harfli|puntolu) (?:kısmı|yazıları)\w*",
        "Tells the customer they missed something obvious.",
        "Olguyu süslemeden belirtin.",
    ),
    _rule(
        "condescension",
        "bilmeniz_gerek",
        r"\bbilmeniz (?:gereken|gerektiği|lazım|gerekir)\w*|\bbilmelisiniz\b|\bbiliyor olmalısınız\b",
        "Lectures the customer about what they ought to know.",
        "Koşullarımızda belirtildiği üzere …",
    ),
    _rule(
        "condescension",
        "okumadiniz",
        r"\bokumadınız\b|\bokumadığınız\w*|\bokuma zahmetine\b|\bzahmet edip\b|\bokusaydınız\b|\bokumuş olsaydınız\b",
        "Accuses the customer of not reading, which they will take as an insult.",
        "İmzaladığınız sözleşmenin … maddesi şöyledir: …",
    ),
    _rule(
        "condescension",
        "defalarca",
        r"\b(?:defalarca|birçok kez|kaç kez|kaç defa|tekrar tekrar) (?:açıkla|söyle|belirt|anlat)\w*"
        r"|\bdaha önce de (?:açıkladığımız|söylediğimiz|belirttiğimiz) gibi\b|\bson kez\b",
        "Reminds the customer, impatiently, that they were told before.",
        "… tarihli mesajımızda belirttiğimiz gibi,",
    ),
    _rule(
        "condescension",
        "makul_herkes",
        r"\b(?:makul|aklı başında|mantıklı|sağduyulu) (?:düşünen )?(?:herkes|her insan|bir insan|her müşteri)\b"
        r"|\bherkes bilir\b",
        "Compares the customer unfavourably with a 'reasonable person'.",
        "Olguyu ve kanıtını belirtin.",
    ),
    _rule(
        "condescension",
        "anlamaniz_gerek",
        r"\banlamanız (?:gerek|lazım)\w*|\banlamalısınız\b|\bkabul etmeniz gerek\w*",
        "Orders the customer to understand instead of explaining.",
        "Umarız bu açıklama kararımızı anlatır.",
    ),
    _rule(
        "sarcasm",
        "ironik_sabir",
        r"\b(?:sonsuz|sınırsız|muazzam|inanılmaz|engin) (?:sabrınız|anlayışınız)\w*"
        r"|\b(?:sabrınız|anlayışınız) için teşekkür(?:ler| ederiz| ederim)(?:\.\.\.|…|!!)",
        "Thanks that read as irony.",
        "Talebinizi incelerken gösterdiğiniz sabır için teşekkür ederiz.",
    ),
    _rule(
        "sarcasm",
        "tirnak",
        r"\"(?:sorun|şikâyet|şikayet|kusur|arıza|acil|sebep|neden|hasar|hata|kalite|problem|mağduriyet)\w*\"",
        "Quotation marks around the customer's own words mock them.",
        "Kelimeleri tırnaksız kullanın.",
    ),
    _rule(
        "sarcasm",
        "sozde",
        r"\bsözde\b|\bgüya\b|\bsözüm ?ona\b",
        "Casts doubt on the customer's account with a sneer.",
        "Olanları tarihleriyle anlatın.",
    ),
    _rule(
        "sarcasm",
        "iyi_deneme",
        r"\b(?:iyi|güzel|hoş) deneme\w*",
        "Mocks the customer's request.",
        "Bu ifadeyi çıkarın.",
    ),
    _rule(
        "sarcasm",
        "boyle_dusunmeniz",
        r"\b(?:böyle|bu şekilde|öyle) (?:düşünmenize|hissetmenize|algılamanıza|görmenize) üzül\w*",
        "A non-apology that blames the customer's feelings.",
        "Bu yanıtın sizi hayal kırıklığına uğrattığını anlıyoruz.",
    ),
    _rule(
        "sarcasm",
        "ne_tesaduf",
        r"\bne (?:tesadüf|sürpriz|büyük tesadüf)\w*|\bne kadar (?:da )?(?:ilginç|manidar)\b|\btesadüfe bakın\b"
        r"|\b(?:tek yıldızlı|olumsuz|kötü) (?:yorum|değerlendirme)\w* için teşekkür\w*",
        "Ironic surprise insinuates the customer is lying.",
        "Tarihleri belirtin, onlar konuşsun.",
    ),
    _rule(
        "blame",
        "sizin_hataniz",
        r"\b(?:sizin )?(?:hatanız|kusurunuz|suçunuz)\w*+"
        + _NOT_AFTER
        + r"|\bsizin yüzünüzden\b|\bsizden kaynaklan\w*|\b(?:kusurlu|suçlu|hatalı) olan sizsiniz\b"
        r"|\bsizin sorumluluğunuz\w*|\bsorumluluk sizde\w*",
        "Blames the customer outright.",
        "Kimseyi suçlamadan olguları belirtin.",
    ),
    _rule(
        "blame",
        "basaramadiniz",
        r"\bbaşaramadınız\b|\bihmal ettiniz\b|\bunuttunuz\b|\bbildirmediniz\b|\biptal etmediniz\b",
        "Makes the customer's omission the reason for the refusal.",
        "Kayıtlarımıza göre iptal talebi … tarihinde ulaştı.",
    ),
    _rule(
        "blame",
        "dikkatsizlik",
        r"\b(?:dikkatsizliğiniz|ihmaliniz|ihmalkârlığınız|özensizliğiniz|hatalı kullanımınız|yanlış kullanımınız)\w*+"
        + _NOT_AFTER
        + r"|\bsizin tarafınızdan (?:yanlış|hatalı|özensiz)\w*",
        "Puts the fault on the customer.",
        "Olanları, kimseyi işaret etmeden anlatın.",
    ),
    _rule(
        "blame",
        "gerekirdi",
        r"\b\w+(?:meniz|manız) gerekirdi\b|\b\w+(?:meliydiniz|malıydınız)\b",
        "Tells the customer what they should have done.",
        "Koşullar … tarihine kadar iptale izin veriyor.",
    ),
    _rule(
        "blame",
        "gormezden_geldiniz",
        r"\bgörmezden geldiniz\b"
        r"|\b(?:uymadınız|bozdunuz|kırdınız|hasar verdiniz|yanlış anladınız|yanlış kullandınız)\b",
        "Accuses the customer of misconduct.",
        "Talimatlarda ne yazdığını belirtin.",
    ),
    _rule(
        "buyers_remorse",
        "fikrinizi_degistirdiniz",
        r"\bfikrinizi değiştir(?!irseniz|mek|meniz halinde|meniz durumunda)\w*|\bvazgeçtiniz\b|\bvazgeçtiğiniz\w*",
        "Buyer's remorse is an internal reason; the customer must never read it.",
        "Gerekçeleri yazın: teslimat, tarihler, koşullar.",
    ),
    _rule(
        "buyers_remorse",
        "pismanlik",
        r"\b(?:satın )?aldığınıza pişman\w*|\b(?:alıcı|satın alma) pişmanlığı\w*|\bpişman oldunuz\b",
        "Tells the customer their real reason is remorse; an internal reason, never written.",
        "Gerekçeleri yazın: teslimat, tarihler, koşullar.",
    ),
    _rule(
        "buyers_remorse",
        "artik_istemiyorsunuz",
        r"\bartık (?:\w+ )?(?:istemiyorsunuz|istemediğiniz\w*|ihtiyacınız (?:yok|olmadığı\w*)|kullanmıyorsunuz)",
        "Tells the customer their real reason is remorse; an internal reason, never written.",
        "Gerekçeleri yazın: teslimat, tarihler, koşullar.",
    ),
    _rule(
        "liability_admission",
        "kabul_ediyoruz",
        r"\b(?:hatamızı|kusurumuzu|ihmalimizi|sorumluluğumuzu) kabul ed\w*|\bkabul ediyoruz\b",
        "An admission in writing can be used against the business.",
        "Endişenizi anlıyoruz.",
    ),
    _rule(
        "liability_admission",
        "bizim_hatamiz",
        r"\b(?:hatamız|kusurumuz|ihmalimiz|suçumuz)\w*+"
        + _NOT_AFTER
        + r"|\b(?:hata|kusur|suç|sorumluluk) (?:tamamen |bütünüyle )?bizim(?:di|dir)?\b"
        + _NOT_AFTER,
        "Admits fault or negligence in a permanent record.",
        "Olanları olgularla anlatın.",
    ),
    _rule(
        "liability_admission",
        "garanti_ediyoruz",
        r"\bgaranti (?:ediyoruz|ederiz|ederim|ediyorum|veriyoruz|veririz)\b",
        "A guarantee is a legal promise the business may not be able to keep.",
        "Elimizden geleni yapacağız.",
    ),
    _rule(
        "liability_admission",
        "sorumluluk_ustleniyoruz",
        r"\bsorumluluğ\w* (?:üstleniyoruz|üstleniriz|üstleniyorum|alıyoruz)\b",
        "Accepts legal responsibility in writing.",
        "Bu ifadeyi çıkarın ya da hukuki inceleme isteyin.",
    ),
    _rule(
        "liability_admission",
        "hata_yaptik",
        r"\b(?:hata|yanlışlık|ihmal|ihmalkârlık) (?:yaptık|ettik)\b|\byanıldık\b",
        "Admits a mistake in a letter that refuses a refund.",
        "Olanları olgularla anlatın.",
    ),
    _rule(
        "threat",
        "yasal_islem",
        r"\b(?:yasal|hukuki) (?:işlem|süreç|yollara)\w* (?:başlat|yap|başvur|gid)(?!m[ae][yzdsn])\w*"
        r"|\bdava (?:açacağız|açarız|edeceğiz)\b|\bmahkemeye (?:vereceğiz|veririz|gideceğiz|taşıyacağız)\b",
        "Threatens the customer; the letter becomes evidence of hostility.",
        "Kararımıza itiraz etmek isterseniz …",
    ),
    _rule(
        "threat",
        "icra",
        r"\bicra\b|\bicra (?:takibi|dairesi)\w*|\btahsilat (?:şirketi|firması|ajansı)\w*",
        "Threatens collections.",
        "Bakiyeyi ve nasıl ödeneceğini belirtin.",
    ),
    _rule(
        "threat",
        "pisman_olacaksiniz",
        r"\bpişman olacaksınız\b|\bpişman edeceğiz\b",
        "An open threat.",
        "Bu ifadeyi çıkarın.",
    ),
    _rule(
        "threat",
        "avukatlarimiz",
        r"\bavukat(?:larımız|ımız|lar aracılığıyla)\b(?: \w+){0,3} "
        r"(?:iletişime geçecek|ulaşacak|başlatacak|harekete geçecek)\w*"
        r"|\bavukat(?:larımız|ımız) (?:aracılığıyla|tarafından)\b",
        "Threatens the customer with lawyers.",
        "Bu ifadeyi çıkarın.",
    ),
    _rule(
        "threat",
        "baska_secenek",
        r"\bbaşka (?:seçeneğimiz|çaremiz|yolumuz) (?:kalmayacak|olmayacak)\b|\bsonuçlarına katlan\w*",
        "A veiled threat.",
        "Bu ifadeyi çıkarın.",
    ),
)

LEXICON = Lexicon(
    language="tr",
    dictionary="tr_TR",
    phrases=PHRASES,
    thanks=any_match(r"\bteşekkür", r"\bsağ ?olun\b", r"\bminnettar"),
    availability=any_match(
        r"\bsoru(?:nuz|larınız|lar|su)\w*",
        r"\byanıtla(?:yabilir|yın)\w*",
        r"\biletişime geç\w*",
        r"\bçekinmeyin\b",
        r"\bhizmetinizdeyiz\b",
        r"\bbize (?:\w+ ){0,3}(?:ulaşabilir|yazabilir|danışabilir)\w*",
        r"\byanıtlamanız yeterli\b",
        r"\bsizi ara(?:yıp|yalım|yabiliriz|rız)\b",
        r"\bkonuşabiliriz\b",
        r"\byardımcı olmaktan memnuniyet\w*",
        r"\bburadayız\b",
        r"\bbize (?:ulaşın|yazın|danışın)\b",
        r"\b(?:bizi|beni) ara\w*",
        r"\barayabilirsiniz\b",
        r"\b(?:benimle|sizinle) (?:memnuniyetle )?görüş\w*",
        r"\bgörüşmek(?:ten)? memnun\w*",
    ),
    refusal=any_match(
        r"\biade (?:yapamıyoruz|edemiyoruz|yapılamamaktadır|edilemez|yapamayacağız|mümkün değil\w*)",
        r"\b(?:teklif|kabul|onay) edemiyoruz\b",
        r"\breddetmek zorunda\w*",
    ),
    reasons=any_match(
        r"\bçünkü\b",
        r"\bolduğu(?:ndan| için)\b",
        r"\b\d{1,2} (?:ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık)\w*",
        r"\b\d+ (?:gün|saat|hafta|ay)\w*",
        r"\bnedeniyle\b",
        r"\bnedenle\b",
        r"\bdolayı\b",
        r"\byüzden\b",
        r"\buyarınca\b",
        r"\bgereğince\b",
        r"\bgöre\b",
        r"\bsözleşme\w*",
        r"\bkoşul\w*",
        r"\bmadde\w*",
        r"\bpolitika\w*",
        r"\bşart\w*",
        r"\bteslim edil\w*",
        r"\byapıldı\b",
        r"\bsağlandı\b",
        r"\btamamlandı\b",
        r"\bzamanında\b",
        r"\bkararlaştırıl\w*",
        r"\bsüresi\w*",
    ),
    concession=any_match(
        r"\bindirim\w*", r"\bkredi\w*(?! kart)", r"\bkısmi iade\w*", r"\bhediye çeki\w*", r"\bkupon\w*"
    ),
    goodwill=any_match(r"\biyi niyet\w*", r"\bjest\w*", r"\bnezaket\w*"),
    no_fault=any_match(
        r"\b(?:kusur|hata|sorumluluk) kabul\w* (?:anlamına gelme\w*|etmeksizin|etmeden)",
        r"\bkabul etmeksizin\b",
        r"\banlamına gelmeksizin\b",
    ),
    letter_suggestions={
        "missing_thanks": "Mesajınız ve bize duyduğunuz güven için teşekkür ederiz.",
        "missing_availability": "Herhangi bir sorunuz olursa benimle iletişime geçmekten çekinmeyin.",
        "missing_reasons": "Hizmet … tarihinde kararlaştırıldığı gibi sağlandı; bu nedenle …",
        "concession_not_goodwill": "İyi niyet göstergesi olarak ve herhangi bir kusur kabulü anlamına gelmeksizin …",
        "long_sentence": "Cümleyi ikiye ya da üçe bölün, her birinde bir olgu olsun.",
    },
    acronyms=frozenset(
        [
            "KDV",
            "TL",
            "TRY",
            "PDF",
            "ID",
            "IBAN",
            "SWIFT",
            "EFT",
            "USB",
            "HDMI",
            "SMS",
            "GPS",
            "TC",
            "TCKN",
            "VKN",
            "AŞ",
            "LTD",
            "ŞTİ",
            "AB",
            "ABD",
            "TV",
            "SGK",
            "EUR",
            "USD",
        ]
    ),
    shout_words=frozenset(
        [
            "asla",
            "hiç",
            "hayır",
            "değil",
            "yok",
            "lütfen",
            "artık",
            "tüm",
            "her",
            "bu",
            "şimdi",
            "hemen",
            "kesinlikle",
            "son",
        ]
    ),
    long_sentence_words=32,
    spelling_ignore=frozenset({"web", "dahaki"}),
    spelling_variants=(("â", "a"), ("î", "i"), ("û", "u")),
    spelling_suffixes=(
        "dir",
        "dır",
        "dur",
        "dür",
        "tir",
        "tır",
        "tur",
        "tür",
        "den",
        "dan",
        "ten",
        "tan",
        "de",
        "da",
        "te",
        "ta",
        "le",
        "la",
        "yle",
        "yla",
        "ydı",
        "ydi",
        "ydu",
        "ydü",
    ),
)
