"""Spanish: a refusal letter written to "usted", as Spanish business letters are."""

from __future__ import annotations

from functools import partial

from workflow.tone.letter_checks import any_match
from workflow.tone.lexicon import Lexicon, phrase, preceded_by

_rule = partial(phrase, "es")
_NEGATED = preceded_by(r"\bno|\bnunca|\bsin|\bni|\bjamás|\bningún|\bninguna")
_CONDITIONAL = preceded_by(r"\bsi|\bcuando|\bcaso de que", 1)

PHRASES = (
    _rule(
        "condescension",
        "obviamente",
        r"\bobviamente\b|\bevidentemente\b|\bhuelga decir\b|\bni que decir tiene\b|\bde más está decir\b",
        "Tells the customer they missed something obvious.",
        "Exponga el hecho sin adverbios.",
    ),
    _rule(
        "condescension",
        "deberia_saber",
        r"\bcomo (?:usted )?(?:debería|debe|tendría que) (?:saber|conocer|recordar|haber leído)\b"
        r"|\b(?:usted )?debería saberlo\b",
        "Lectures the customer about what they ought to know.",
        "Según nuestras condiciones, …",
    ),
    _rule(
        "condescension",
        "esta_claro_que_no",
        r"\b(?:está claro|es evidente|es obvio|se ve) que (?:usted )?no (?:ha )?(?:leyó|leído|entendió|entendido"
        r"|comprendió|comprendido|revisó|revisado|prestó)\b"
        r"|\bes (?:evidente|obvio) que\b",
        "Presumes the customer's failing and says so with contempt.",
        "La cláusula … establece que …",
    ),
    _rule(
        "condescension",
        "si_se_hubiera_molestado",
        r"\bsi (?:usted )?se hubiera (?:molestado|tomado la molestia|preocupado)\b"
        r"|\bsi (?:usted )?hubiera leído\b|\bni siquiera (?:leyó|ha leído)\b",
        "Accuses the customer of not reading, which they will take as an insult.",
        "La cláusula … del contrato que firmó dice: …",
    ),
    _rule(
        "condescension",
        "ya_explicado",
        r"\bcomo (?:ya )?(?:le )?(?:hemos|he) (?:explicado|dicho|indicado|repetido)(?: ya)?"
        r" (?:varias|muchas|reiteradas|numerosas|en varias) (?:veces|ocasiones)\b"
        r"|\bcomo ya (?:le )?(?:hemos|he) (?:explicado|dicho|repetido)\b|\bpor (?:última|enésima) vez\b"
        r"|\b(?:ya )?se lo (?:hemos|he) (?:dicho|explicado|repetido|indicado)(?: ya)? "
        r"(?:varias|muchas|dos|tres|cuatro|\d+) veces\b"
        r"|\bse lo (?:vuelvo|volvemos) a explicar\b|\bquede claro de una vez\b|\bde una vez por todas\b"
        r"|\b(?:quizá|quizás|tal vez) la próxima vez\b|\bla letra pequeña\b",
        "Reminds the customer, impatiently, that they were told before.",
        "Como le indicamos en nuestro mensaje del …,",
    ),
    _rule(
        "condescension",
        "persona_razonable",
        r"\bcualquier (?:persona|cliente) (?:razonable|sensata|normal)\b|\bcualquiera (?:entendería|entiende|sabe)\b"
        r"|\bsentido común\b|\bcomo todo el mundo sabe\b",
        "Compares the customer unfavourably with a 'reasonable person'.",
        "Exponga el hecho y sus pruebas.",
    ),
    _rule(
        "condescension",
        "debe_entender",
        r"\b(?:usted )?(?:debe|tiene que|necesita) (?:entender|comprender|aceptar)\b",
        "Orders the customer to understand instead of explaining.",
        "Esperamos que esto aclare nuestra decisión.",
    ),
    _rule(
        "sarcasm",
        "paciencia_ironica",
        r"\bgracias (?:(?:de verdad|mil|muchísimas) )?por su (?:infinita|enorme|inagotable|increíble) "
        r"(?:paciencia|comprensión)\b"
        r"|\bgracias por su (?:paciencia|comprensión)(?:\.\.\.|…|!!)",
        "Thanks that read as irony.",
        "Gracias por su paciencia mientras revisábamos su solicitud.",
    ),
    _rule(
        "sarcasm",
        "comillas",
        r"\"(?:problemas?|incidencias?|quejas?|defectos?|urgencias?|emergencias?|motivos?|daños?|errores?|averías?"
        r"|urgente|fallos?|calidad|reclamaci(?:ón|ones))\"",
        "Quotation marks around the customer's own words mock them.",
        "Use las palabras sin comillas.",
    ),
    _rule(
        "sarcasm",
        "supuesto",
        r"\b(?:su|la|el|esta|este) (?:supuesta|supuesto|presunta|presunto) \w+|\bel (?:tan )?llamado\b"
        r"|\bla (?:tan )?llamada\b",
        "Casts doubt on the customer's account with a sneer.",
        "Describa lo ocurrido, con fechas.",
    ),
    _rule(
        "sarcasm",
        "buen_intento",
        r"\bbuen intento\b|\bbonito intento\b|\bgracias por nada\b",
        "Mocks the customer's request.",
        "Suprímalo.",
    ),
    _rule(
        "sarcasm",
        "lo_vea_asi",
        r"\blamentamos que (?:usted )?(?:lo vea|lo sienta|se sienta|piense) (?:así|de esa manera|de ese modo)\b"
        r"|\bsentimos que (?:usted )?(?:lo vea|lo sienta|se sienta) así\b",
        "A non-apology that blames the customer's feelings.",
        "Entendemos que esta respuesta le decepcione.",
    ),
    _rule(
        "sarcasm",
        "que_casualidad",
        r"\bqué (?:casualidad|sorpresa|coincidencia|oportuno|conveniente)\b|\bcuriosamente\b"
        r"|\bgracias por (?:la|su) (?:reseña|opinión|valoración) (?:de una estrella|negativa)\b",
        "Ironic surprise insinuates the customer is lying.",
        "Indique las fechas y deje que hablen.",
    ),
    _rule(
        "sarcasm",
        "suerte",
        r"\b(?:le deseamos|le deseo|buena) suerte (?:buscando|con|para encontrar|encontrando)\b",
        "Wishes luck with contempt, closing the door on the customer.",
        "Esperamos poder atenderle de nuevo.",
    ),
    _rule(
        "blame",
        "culpa_suya",
        r"\b(?:culpa|responsabilidad) (?:(?:exclusivamente|únicamente|totalmente|enteramente|solo) )?"
        r"(?:suya|de usted|del cliente)\b|\bsu (?:propia )?culpa\b|\bpor su culpa\b"
        r"|\busted (?:es|fue) (?:el )?culpable\b"
        r"|\b(?:mal uso|descuido|error|negligencia|imprudencia|culpa)\b[\w ]{0,40}\bpor su parte\b",
        "Blames the customer outright.",
        "Exponga los hechos sin atribuir culpas.",
        unless_before=_NEGATED,
    ),
    _rule(
        "blame",
        "usted_no",
        r"\busted no (?:canceló|avisó|notificó|leyó|siguió|respetó|cumplió|revisó|comprobó|devolvió|informó|contactó)\b"
        r"|\b(?:^|\. )no siguió\b|\bno siguió las instrucciones\b",
        "Makes the customer's omission the reason for the refusal.",
        "Nuestros registros muestran que la cancelación llegó el …",
    ),
    _rule(
        "blame",
        "su_descuido",
        r"\bsu (?:propio |propia )?(?:descuido|negligencia|error|equivocación|mal uso|despiste|imprudencia)\b"
        r"|\bsus (?:errores|descuidos)\b",
        "Puts the fault on the customer.",
        "Describa lo ocurrido sin señalar culpables.",
        unless_before=_NEGATED,
    ),
    _rule(
        "blame",
        "olvido",
        r"\b(?:usted )?(?:olvidó|omitió|se olvidó de|no se molestó en) \w+",
        "Accuses the customer of forgetting.",
        "Nuestros registros no muestran ningún aviso antes del …",
        unless_before=preceded_by(r"\b(?:el|la|los|las|nuestro|nuestra|nadie)(?:\s+\w+)?", 0),
    ),
    _rule(
        "blame",
        "deberia_haber",
        r"\b(?:usted )?(?:debería|debió|tendría que|tenía que) haber (?:\w+ )?(?:contactado|cancelado|leído|avisado"
        r"|comprobado|revisado|informado|notificado|devuelto|seguido|llamado|escrito|preguntado)\b",
        "Tells the customer what they should have done.",
        "Las condiciones permiten cancelar hasta …",
        unless_before=preceded_by(r"\b(?:el|la|los|las|nuestro|nuestra|nadie)(?:\s+\w+)?", 0),
    ),
    _rule(
        "blame",
        "usted_ignoro",
        r"\busted (?:ignoró|descuidó|dañó|rompió|usó mal|malinterpretó|no respetó)\b|\bignoró las instrucciones\b",
        "Accuses the customer of misconduct.",
        "Indique lo que dicen las instrucciones.",
    ),
    _rule(
        "buyers_remorse",
        "cambio_de_opinion",
        r"\b(?:usted )?(?:ha |haya |hubiera )?cambiado de (?:opinión|idea|parecer)\b"
        r"|\bcambió de (?:opinión|idea|parecer)\b",
        "Buyer's remorse is an internal reason; the customer must never read it.",
        "Exponga los motivos: entrega, fechas, condiciones.",
        unless_before=_CONDITIONAL,
    ),
    _rule(
        "buyers_remorse",
        "arrepentido",
        r"\barrepentimiento (?:del comprador|de (?:la )?compra)\b|\bse (?:ha )?arrepentido de (?:la|su) compra\b"
        r"|\bse arrepintió de (?:la|su) compra\b|\bse arrepiente de (?:la|su) compra\b",
        "Tells the customer their real reason is remorse; an internal reason, never written.",
        "Exponga los motivos: entrega, fechas, condiciones.",
    ),
    _rule(
        "buyers_remorse",
        "ya_no_quiere",
        r"\b(?:usted )?ya no (?:le )?(?:quiere|desea|necesita|interesa|gusta|hace falta)\b",
        "Tells the customer their real reason is remorse; an internal reason, never written.",
        "Exponga los motivos: entrega, fechas, condiciones.",
        unless_before=_CONDITIONAL,
    ),
    _rule(
        "liability_admission",
        "admitimos",
        r"\b(?:admitimos|admito|reconocemos nuestr[oa]s? (?:error|errores|culpa|fallo|negligencia|responsabilidad))\b"
        r"|\breconocemos que\b",
        "An admission in writing can be used against the business.",
        "Entendemos su preocupación.",
    ),
    _rule(
        "liability_admission",
        "nuestra_culpa",
        r"\bnuestra (?:propia )?(?:negligencia|culpa)\b|\bculpa nuestra\b"
        r"|\bnuestro (?:propio )?(?:error|fallo|descuido)\b",
        "Admits fault or negligence in a permanent record.",
        "Describa lo ocurrido con hechos.",
        unless_before=_NEGATED,
    ),
    _rule(
        "liability_admission",
        "garantizamos",
        r"\b(?:le |les )?(?:garantizamos|garantizo|aseguramos que)\b",
        "A guarantee is a legal promise the business may not be able to keep.",
        "Haremos todo lo posible por …",
        unless_before=_NEGATED,
    ),
    _rule(
        "liability_admission",
        "asumimos",
        r"\b(?:asumimos|aceptamos|asumo|acepto) (?:toda |plena |total |la )?(?:la )?(?:responsabilidad|culpa)\b",
        "Accepts legal responsibility in writing.",
        "Suprímalo o pida revisión legal.",
        unless_before=_NEGATED,
    ),
    _rule(
        "liability_admission",
        "cometimos_error",
        r"\b(?:cometimos|hemos cometido|cometí) (?:un|el) (?:error|fallo)\b|\bnos equivocamos\b"
        r"|\bfue un error nuestro\b"
        r"|\bsomos responsables de\b|\bfuimos negligentes\b",
        "Admits a mistake in a letter that refuses a refund.",
        "Describa lo ocurrido con hechos.",
    ),
    _rule(
        "threat",
        "acciones_legales",
        r"\b(?:emprender|emprenderemos|iniciar|iniciaremos|tomar|tomaremos|ejercer|ejerceremos) (?:las )?acciones"
        r" (?:legales|judiciales)\b|\b(?:le )?(?:demandaremos|denunciaremos)\b"
        r"|\bllevar(?:emos)? (?:el caso|esto|este asunto) a los tribunales\b",
        "Threatens the customer; the letter becomes evidence of hostility.",
        "Si no está de acuerdo, puede dirigirse a …",
        unless_before=_NEGATED,
    ),
    _rule(
        "threat",
        "cobros",
        r"\bagencia (?:de )?(?:cobros?|recobro)\b|\bempresa de (?:cobros?|recobro)\b|\bgestión de cobro\b|\bmorosos\b",
        "Threatens collections.",
        "Indique el saldo y cómo pagarlo.",
    ),
    _rule("threat", "se_arrepentira", r"\bse arrepentirá\b|\blo lamentará\b", "An open threat.", "Suprímalo."),
    _rule(
        "threat",
        "abogados",
        r"\bnuestros? (?:abogados?|servicios jurídicos|departamento (?:legal|jurídico)|asesoría jurídica)"
        r" (?:se pondrán?|le contactarán?|tomará|tomarán|actuará|actuarán)\b"
        r"|\b(?:lo |la )?(?:gestionarán|llevarán|tramitarán) nuestros abogados\b",
        "Threatens the customer with lawyers.",
        "Suprímalo.",
    ),
    _rule(
        "threat",
        "obligados",
        r"\bnos (?:veremos|vemos) obligados a\b|\bno tendremos más remedio que\b|\btendrá consecuencias\b",
        "A veiled threat.",
        "Suprímalo.",
    ),
)

LEXICON = Lexicon(
    language="es",
    dictionary="es_ES",
    phrases=PHRASES,
    thanks=any_match(r"\bgracias\b", r"\bagradec", r"\bagradecid"),
    availability=any_match(
        r"\b(?:alguna|cualquier|otra|más|sus|nueva|otras|nuevas) (?:preguntas?|dudas?|consultas?)\b",
        r"\b(?:preguntas?|dudas?|consultas?) (?:que|sobre|al respecto)\b",
        r"\bdíga(?:me|nos)\b",
        r"\bcont[eé]st(?:e|a|enos|eme)\b",
        r"\bresponda a este\b",
        r"\bpuede (?:pedir cita|llamar|escribir|contactar)\w*",
        r"\bquedamos (?:a (?:sus|su|tus) (?:entera )?(?:órdenes|disposición)|atent[oa]s|pendientes)\b",
        r"\b(?:escríbe(?:nos|me)|llám(?:anos|ame)|contácta(?:nos|me)|pregúnta(?:nos|me))\b",
        r"\b(?:te|le|les) (?:llamo|llamaremos|llamaré)\b",
        r"\by lo (?:hablamos|vemos)\b",
        r"\blo hablamos (?:con calma|por teléfono)\b",
        r"\benvíe(?:me|nos)\w*",
        r"\bno dude en\b",
        r"\bcontáct(?:enos|eme|e con)\b",
        r"\bcontactarnos\b",
        r"\bponerse en contacto\b",
        r"\bpóngase en contacto\b",
        r"\ba su (?:entera )?disposición\b",
        r"\bestamos disponibles\b",
        r"\bllám(?:enos|eme)\b",
        r"\bllamar(?:me|nos)\b",
        r"\bhablar(?:é|emos)? con usted\b",
        r"\bcomentarlo\b",
        r"\bescríb(?:anos|ame)\b",
        r"\bhablar(?:lo)? con (?:usted|nosotros)\b",
    ),
    refusal=any_match(
        r"\bno (?:podemos|nos es posible|es posible) "
        r"(?:ofrecer|emitir|reembolsar|devolver|aceptar|tramitar|conceder|aprobar)",
        r"\bno (?:es|será) posible (?:un |el |la )?(?:reembolso|devolución)\b",
        r"\bno (?:procede|corresponde) (?:el |ningún )?(?:reembolso|devolución)\b",
        r"\bdebemos (?:rechazar|denegar)\b",
        r"\bno (?:vamos a|podremos) (?:reembolsar|devolver)\b",
    ),
    reasons=any_match(
        r"\bporque\b",
        r"\bya que\b",
        r"\bdado que\b",
        r"\b\d{1,2} de (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\b",
        r"\b\d+ (?:días|semanas|horas|meses)\b",
        r"\bpuesto que\b",
        r"\bdebido a\b",
        r"\bpor (?:este|ese|ello|eso|lo que)\b",
        r"\bsegún\b",
        r"\bde acuerdo con\b",
        r"\bconforme a\b",
        r"\b(?:política|condiciones|cláusula|contrato|acuerdo|términos|apartado|sección)\b",
        r"\b(?:entregó|entregado|entregaron|entregada|realizó|realizado|prestó|prestado|celebró|impartieron|completó"
        r"|a tiempo|lo acordado)\b",
        r"\bplazo\b",
        r"\bvencid[oa]\b",
        r"\bcomo (?:\w+ ){1,12}?\w+, no (?:podemos|nos es posible|es posible|procede)\b",
    ),
    concession=any_match(
        r"\bdescuento\b",
        r"\bun vale\b",
        r"\bcupón\b",
        r"\breembolso parcial\b",
        r"\bdevolución parcial\b",
        r"\bun (?:crédito|abono|saldo a favor)\b",
    ),
    goodwill=any_match(r"\bbuena voluntad\b", r"\bgesto\b", r"\bcortesía\b", r"\bdeferencia\b"),
    no_fault=any_match(
        r"\bsin que (?:ello|esto)? ?(?:implique|suponga|signifique) "
        r"(?:ningún |ninguna )?(?:reconocimiento|admisión|responsabilidad|culpa)",
        r"\bno (?:supone|implica|significa|constituye) "
        r"(?:un |ningún |ninguna )?(?:reconocimiento|admisión|responsabilidad|culpa)",
        r"\bsin (?:reconocer|admitir|asumir) (?:ninguna |ningún |responsabilidad|culpa)",
        r"\bno (?:se debe|es debido) a (?:ningún|ninguna) (?:error|culpa|fallo)",
    ),
    letter_suggestions={
        "missing_thanks": "Le agradecemos su mensaje y la confianza depositada en nosotros.",
        "missing_availability": "Si tiene cualquier pregunta, no dude en ponerse en contacto conmigo.",
        "missing_reasons": "El servicio se prestó el … según lo acordado, por lo que …",
        "concession_not_goodwill": (
            "Como gesto de buena voluntad, y sin que ello suponga reconocimiento de culpa alguna, le ofrecemos …"
        ),
        "long_sentence": "Divídala en dos o tres frases, un hecho en cada una.",
    },
    acronyms=frozenset(
        [
            "ID",
            "PDF",
            "IVA",
            "NIF",
            "CIF",
            "DNI",
            "NIE",
            "IBAN",
            "SWIFT",
            "BIC",
            "SL",
            "SA",
            "SLU",
            "UE",
            "EEUU",
            "OK",
            "USB",
            "HDMI",
            "PIN",
            "SMS",
            "GPS",
            "TV",
            "PC",
            "RRHH",
            "CEO",
            "ISO",
            "RGPD",
            "LOPD",
            "OCU",
            "EUR",
        ]
    ),
    shout_words=frozenset(
        [
            "no",
            "nunca",
            "nada",
            "jamás",
            "ya",
            "todo",
            "todos",
            "lea",
            "leer",
            "debe",
            "muy",
            "el",
            "la",
            "los",
            "las",
            "su",
            "sus",
            "es",
            "por",
            "favor",
            "nos",
            "ni",
            "último",
            "última",
            "ningún",
            "ninguna",
            "solo",
            "ahora",
        ]
    ),
    long_sentence_words=56,
    spelling_ignore=frozenset({"reembolsos"}),
    spelling_suffixes=("lo", "la", "le", "los", "las", "les", "nos", "selo", "sela", "selos", "selas"),
)
