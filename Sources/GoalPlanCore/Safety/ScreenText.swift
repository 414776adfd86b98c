/// Turns an answer into sentences of words the crisis screen can match: lower case, accents
/// folded, short forms spelled out, text-speak and look-alike digits undone, each word with its
/// stem and the key words it may be a misspelling of.
///
/// The same `stem` function is applied to the screen's patterns, so a pattern word and a typed
/// word meet whatever their form (hurt, hurts, hurting; overdose, overdosed).
struct ScreenText {
    /// One word of an answer (a class, so that passing it around costs one reference).
    final class Token {
        /// The word as normalised, before stemming.
        let word: String
        /// What the word can stand for: its stem, and the stems of the spellings it may mean.
        let forms: [String]
        /// Whether a comma, colon, dash or the like follows it.
        fileprivate(set) var breakAfter = false
        /// `forms` and `word` as hashes, and the word as a number if it is one: what matching
        /// compares.
        let ids: [UInt64]
        let wordID: UInt64
        let number: Int?

        init(word: String, forms: [String], breakAfter: Bool = false) {
            self.word = word
            self.forms = forms
            self.breakAfter = breakAfter
            self.ids = forms.map(ScreenText.id)
            self.wordID = ScreenText.id(word)
            self.number = word.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } ? Int(word) : nil
        }
    }

    /// A word's 64-bit FNV-1a hash, standing for it when matching.
    static func id(_ word: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    /// The sentences of a text, each a list of words.
    let sentences: [[Token]]

    init(sentences: [[Token]]) {
        self.sentences = sentences
    }

    init(_ text: String) {
        var sentences: [[Token]] = []
        var current: [Token] = []
        func endSentence() {
            if !current.isEmpty { sentences.append(current) }
            current = []
        }
        for piece in Self.pieces(text) {
            switch piece {
            case .word(let raw):
                for word in Self.expand(raw) {
                    current.append(Token(word: word, forms: Self.forms(of: word)))
                }
            case .pause:
                if !current.isEmpty { current[current.count - 1].breakAfter = true }
            case .stop:
                endSentence()
            }
        }
        endSentence()
        self.sentences = sentences
    }

    // MARK: Splitting

    private enum Piece: Equatable {
        case word(String)
        /// A comma, colon, dash or bracket: a break inside a sentence.
        case pause
        /// The end of a sentence or line.
        case stop
    }

    /// Words and punctuation, in order. A word keeps inner apostrophes and the symbols that
    /// stand for letters in "k1ll" or "$uicide".
    private static func pieces(_ text: String) -> [Piece] {
        var out: [Piece] = []
        var word = String.UnicodeScalarView()
        func flush() {
            while let last = word.last, last == "'" || isLookAlike(last) && !word.contains(where: isLetter) {
                word.removeLast()
            }
            while let first = word.first, first == "'" { word.removeFirst() }
            if !word.isEmpty { out.append(.word(String(word))) }
            word = String.UnicodeScalarView()
        }
        let scalars = Array(text.unicodeScalars)
        for (i, s) in scalars.enumerated() {
            let next = i + 1 < scalars.count ? scalars[i + 1] : " "
            if isLetter(s) || isDigit(s) || isCombining(s) {
                word.append(s)
            } else if s == "'" || s == "\u{2019}" || s == "\u{2018}" || s == "\u{02BC}" || s == "`" {
                word.append("'")
            } else if s == "&" && !word.isEmpty && isLetter(next) {
                word.append("&")  // A&E
            } else if isLookAlike(s) && (isLetter(next) || isDigit(next)) && (word.isEmpty || !isLookAlike(word.last!))
            {
                word.append(s)  // "k!ll", "$uicide"; a "!" that ends a word is punctuation
            } else if s == "-" && !word.isEmpty && isLetter(next) {
                flush()  // "self-harm", "mother-in-law": two words, one clause
            } else {
                flush()
                switch s {
                case ".", "!", "?", ";", "\n", "\r", "\u{2026}", "\u{2028}", "\u{2029}", "\u{3002}":
                    if out.last != .stop { out.append(.stop) }
                case ",", ":", "-", "\u{2013}", "\u{2014}", "(", ")", "[", "]", "\"", "\u{201C}", "\u{201D}", "/",
                    "\u{00A1}", "\u{00BF}":
                    out.append(.pause)
                default:
                    continue
                }
            }
        }
        flush()
        return out
    }

    private static func isLetter(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic }
    private static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
    private static func isCombining(_ s: Unicode.Scalar) -> Bool { (0x300...0x36F).contains(s.value) }
    private static func isLookAlike(_ s: Unicode.Scalar) -> Bool { s == "@" || s == "$" || s == "!" || s == "|" }

    // MARK: Normalising

    /// A raw word as one or more normalised words: lower case, accents folded, look-alike
    /// digits read as letters, short forms and text-speak spelled out.
    static func expand(_ raw: String) -> [String] {
        if let long = spelledOut[fold(raw, lookAlikes: false)] { return long }
        var word = fold(raw)
        if word.utf8.contains(UInt8(ascii: "&")) {
            if word == "a&e" { return ["emergency"] }
            word = word.replacingAll("&", with: "")
        }
        if word.utf8.contains(UInt8(ascii: "'")) { return contraction(word) }
        if let long = spelledOut[word] { return long }
        if let split = spanishClitic(word) {
            // "tomármelas": two pronouns joined on.
            if let again = spanishClitic(split[0]) { return again + [split[1]] }
            return split
        }
        return [word]
    }

    /// Lower case, accents and other marks removed, look-alike digits read as letters when
    /// the word also has letters ("k1ll", "d13").
    static func fold(_ raw: String, lookAlikes readLetters: Bool = true) -> String {
        // Most words are plain lower-case letters already: nothing to fold.
        if raw.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) { return raw }
        var out = String.UnicodeScalarView()
        let hasLetter = readLetters && raw.unicodeScalars.contains { $0.properties.isAlphabetic }
        let hasDigit = raw.unicodeScalars.contains { ("0"..."9").contains($0) }
        for s in raw.lowercased().unicodeScalars {
            if (0x300...0x36F).contains(s.value) { continue }
            if let plain = accents[s] {
                out.append(plain)
            } else if hasLetter && (hasDigit || isLookAlike(s)), let letter = lookAlikes[s] {
                out.append(letter)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    private static let accents: [Unicode.Scalar: Unicode.Scalar] = {
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        let groups: [(String, Unicode.Scalar)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ìíîïĩīĭįı", "i"),
            ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"), ("ùúûüũūŭůűų", "u"), ("ýÿŷ", "y"), ("śŝşš", "s"), ("źżž", "z"),
            ("ğĝġģ", "g"), ("ĺļľŀł", "l"), ("ŕŗř", "r"), ("ţťŧ", "t"),
        ]
        for (letters, plain) in groups {
            for s in letters.unicodeScalars { map[s] = plain }
        }
        return map
    }()

    private static let lookAlikes: [Unicode.Scalar: Unicode.Scalar] = [
        "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s", "!": "i", "|": "l",
    ]

    /// Short forms with an apostrophe: "don't" as "do not", "I'd" as "I would", "mum's" as "mum".
    private static func contraction(_ word: String) -> [String] {
        let parts = word.split(separator: "'", omittingEmptySubsequences: true).map(String.init)
        guard let head = parts.first else { return [] }
        guard parts.count >= 2 else { return expand(head) }
        let tail = parts[1]
        switch tail {
        case "t" where head.hasSuffix("n"):
            switch head {
            case "can": return ["can", "not"]
            case "won": return ["will", "not"]
            case "shan": return ["shall", "not"]
            case "ain": return ["am", "not"]
            default: return [String(head.dropLast()), "not"]
            }
        case "m": return [head, "am"]
        case "re": return [head, "are"]
        case "ve": return [head, "have"]
        case "ll": return [head, "will"]
        case "d": return [head == "od" ? "overdosed" : head, "would"]
        case "s":
            let isVerb = [
                "he", "she", "it", "that", "there", "what", "who", "here", "where", "how", "everyone", "nobody",
            ]
            if head == "let" { return ["let", "us"] }
            return isVerb.contains(head) ? [head, "is"] : expand(head)
        default:
            return expand(head) + expand(tail)
        }
    }

    /// Words typed without their apostrophe, text-speak and slang, spelled out.
    static let spelledOut: [String: [String]] = [
        "im": ["i", "am"], "ive": ["i", "have"], "id": ["i", "would"], "dont": ["do", "not"], "cant": ["can", "not"],
        "cannot": ["can", "not"], "wont": ["will", "not"], "didnt": ["did", "not"], "doesnt": ["does", "not"],
        "isnt": ["is", "not"], "wasnt": ["was", "not"], "werent": ["were", "not"], "arent": ["are", "not"],
        "wouldnt": ["would", "not"], "couldnt": ["could", "not"], "shouldnt": ["should", "not"],
        "havent": ["have", "not"], "hasnt": ["has", "not"], "hadnt": ["had", "not"], "aint": ["am", "not"],
        "thats": ["that", "is"], "theres": ["there", "is"], "whats": ["what", "is"], "hes": ["he", "is"],
        "shes": ["she", "is"], "youre": ["you", "are"], "theyre": ["they", "are"], "ill": ["ill"],
        "wanna": ["want", "to"], "wana": ["want", "to"], "wannna": ["want", "to"], "gonna": ["going", "to"],
        "gona": ["going", "to"], "gotta": ["got", "to"], "tryna": ["trying", "to"], "imma": ["i", "am", "going", "to"],
        "ima": ["i", "am", "going", "to"], "finna": ["going", "to"], "u": ["you"], "ur": ["your"], "w": ["with"],
        "bc": ["because"], "cuz": ["because"], "coz": ["because"], "cos": ["because"], "bcoz": ["because"],
        "idk": ["i", "do", "not", "know"], "idc": ["i", "do", "not", "care"], "rn": ["right", "now"],
        "kms": ["kill", "myself"], "kmss": ["kill", "myself"], "kys": ["kill", "yourself"],
        "od": ["overdose"], "ods": ["overdose"], "oded": ["overdosed"], "odd'd": ["overdosed"],
        "selfharm": ["self", "harm"], "selfharming": ["self", "harming"], "selfharmed": ["self", "harmed"],
        "sewerslide": ["suicide"], "suicided": ["suicide"], "selfdelete": ["unalive", "myself"],
        "bf": ["boyfriend"], "gf": ["girlfriend"], "hubby": ["husband"], "ppl": ["people"],
        "every1": ["everyone"], "some1": ["someone"], "no1": ["no", "one"], "noone": ["no", "one"],
        "any1": ["anyone"], "b4": ["before"], "2day": ["today"], "2nite": ["tonight"], "tonite": ["tonight"],
        "anymore": ["anymore"], "nomore": ["no", "more"], "myslef": ["myself"], "mysef": ["myself"],
        "cuttin": ["cutting"], "killin": ["killing"], "dyin": ["dying"], "hurtin": ["hurting"],
        "wnat": ["want"], "wnt": ["want"], "wamt": ["want"], "whant": ["want"], "kil": ["kill"], "kll": ["kill"],
        "kiil": ["kill"], "klil": ["kill"], "dye": ["dye"], "ded": ["dead"], "daed": ["dead"], "deid": ["dead"],
        "xans": ["xanax"], "xan": ["xanax"], "perc": ["percocet"], "percs": ["percocet"], "oxys": ["oxycodone"],
        "paracetemol": ["paracetamol"], "pils": ["pills"], "pilss": ["pills"], "tabs": ["tablets"],
        "beter": ["better"], "bettr": ["better"], "btr": ["better"], "evryone": ["everyone"], "evry1": ["everyone"],
        "everyon": ["everyone"], "murda": ["murder"], "sum1": ["someone"], "waan": ["want"], "wan": ["want"],
        "jus": ["just"], "everyting": ["everything"],
        "nutten": ["nothing"], "nuttin": ["nothing"], "nah": ["no"], "dem": ["them"], "fi": ["for"], "di": ["the"],
        "sumone": ["someone"], "sumthin": ["something"], "kiero": ["quiero"], "k": ["que"], "q": ["que"],
        "xq": ["porque"], "pq": ["porque"],
        "tae": ["to"], "anymair": ["anymore"], "nae": ["no"], "jist": ["just"], "doon": ["down"], "aw": ["all"],
        "gonnae": ["going", "to"], "dinnae": ["do", "not"], "cannae": ["can", "not"], "wouldnae": ["would", "not"],
        "ma": ["my"], "da": ["dad"], "maw": ["mum"], "oot": ["out"], "hame": ["home"], "murdah": ["murder"],
        "nite": ["night"], "evr": ["ever"], "nvr": ["never"], "wen": ["when"], "bcuz": ["because"],
        "paracetomol": ["paracetamol"], "inlaw": ["inlaw"], "inlaws": ["inlaw"],
    ]

    /// Spanish infinitives and gerunds with a pronoun joined on ("matarme", "cortándome") as
    /// two words, so "me" can be matched on its own.
    private static func spanishClitic(_ word: String) -> [String]? {
        let bytes = word.utf8
        // Every ending below closes in one of these two letters, and leaves five before it.
        guard bytes.count >= 7, let last = bytes.last,
            last == UInt8(ascii: "e") || last == UInt8(ascii: "o") || last == UInt8(ascii: "a")
                || last == UInt8(ascii: "s")
        else { return nil }
        let endings = ["me", "te", "se", "lo", "la", "los", "las", "le", "les", "nos"]
        let stems = ["ar", "er", "ir", "ando", "iendo", "endo"]
        for ending in endings where bytes.reversed().starts(with: ending.utf8.reversed()) {
            let base = String(decoding: bytes.dropLast(ending.utf8.count), as: UTF8.self)
            guard base.count >= 5, stems.contains(where: { base.hasSuffix($0) }) else { continue }
            // English words that happen to end so ("offerle"): only Spanish verb shapes qualify.
            if base.hasSuffix("er")
                && ["ever", "never", "over", "after", "other", "under"].contains(where: base.hasSuffix)
            {
                continue
            }
            return [base, ending]
        }
        return nil
    }

    // MARK: Forms

    /// What a word can stand for: its stem; the stems of the word with long runs of one
    /// letter shortened ("killll", "diiie"); and a key word it is one slip away from.
    static func forms(of word: String) -> [String] {
        var out = [stem(word)]
        func add(_ w: String) {
            let s = stem(w)
            if !out.contains(s) { out.append(s) }
        }
        let squeezed = squeeze(word, keeping: 2)
        if squeezed != word {
            add(spelledOut[squeezed]?.first ?? squeezed)
            add(spelledOut[squeeze(word, keeping: 1)]?.first ?? squeeze(word, keeping: 1))
        }
        if let key = KeyWords.nearest(to: squeezed) { add(key) }
        // Typed in a hurry: "pushd" for "pushed", "tryin" for "trying".
        let letters = Array(word.utf8)
        if letters.count >= 4, letters.last == UInt8(ascii: "d"),
            "bcfghkmpstvxz".utf8.contains(letters[letters.count - 2])
        {
            add(String(word.dropLast()) + "ed")
        }
        if letters.count >= 5, word.hasSuffix("in"), !"aeiou".utf8.contains(letters[letters.count - 3]) {
            add(word + "g")
        }
        return out
    }

    /// The word with every run of one letter longer than `keeping` cut to `keeping`.
    static func squeeze(_ word: String, keeping: Int) -> String {
        var out = ""
        var last: Character?
        var run = 0
        for c in word {
            run = c == last ? run + 1 : 1
            last = c
            if run <= keeping { out.append(c) }
        }
        return out
    }

    // MARK: Stemming

    /// Irregular forms, as the word they are a form of.
    static let irregular: [String: String] = {
        let groups: [String: [String]] = [
            "take": ["took", "taken", "taking", "takes"], "hang": ["hung", "hanged"], "shoot": ["shot", "shoots"],
            "beat": ["beaten", "beats", "beating"], "throw": ["threw", "thrown"], "give": ["gave", "given"],
            "write": ["wrote", "written"], "buy": ["bought"], "think": ["thought"], "feel": ["felt"],
            "say": ["said", "says"],
            "leave": ["left"], "run": ["ran"], "drive": ["drove", "driven"], "drink": ["drank", "drunk"],
            "eat": ["ate", "eaten"], "fall": ["fell", "fallen"], "die": ["died", "dies", "dying", "dyin"],
            "lie": ["lay", "lain", "lying", "lies", "lied"], "wake": ["woke", "woken"], "knife": ["knives"],
            "wife": ["wives"], "life": ["lives"], "child": ["children"], "man": ["men"], "woman": ["women"],
            "go": ["went", "gone", "goes"], "get": ["got", "gotten", "gets"], "make": ["made"],
            "do": ["did", "done", "does"], "be": ["was", "were", "am", "is", "are", "been", "being"],
            "have": ["has", "had"], "tell": ["told"], "sell": ["sold"], "hold": ["held"], "keep": ["kept"],
            "sleep": ["slept"], "bleed": ["bled"], "feed": ["fed"], "stick": ["stuck"], "strike": ["struck"],
            "steal": ["stole", "stolen"], "break": ["broke", "broken"], "choose": ["chose", "chosen"],
            "stand": ["stood"], "sit": ["sat"], "bite": ["bit", "bitten"], "hide": ["hid", "hidden"],
            "find": ["found"], "bring": ["brought"], "catch": ["caught"], "put": ["puts"], "hit": ["hits"],
            "cut": ["cuts"], "slit": ["slits"], "swallow": ["swallowed"], "swear": ["swore", "sworn"],
            "fight": ["fought"], "seek": ["sought"], "lose": ["lost"], "mean": ["meant"], "pay": ["paid"],
            "hear": ["heard"], "send": ["sent"], "spend": ["spent"], "win": ["won"], "see": ["saw", "seen"],
            "grow": ["grew", "grown"], "know": ["knew", "known"], "shake": ["shook", "shaken"],
            "freeze": ["froze", "frozen"], "tear": ["tore", "torn"], "bear": ["bore", "borne"],
            "overdose": ["overdosed", "overdoses", "overdosing"],
        ]
        var map: [String: String] = [:]
        for (base, forms) in groups {
            for form in forms { map[form] = base }
        }
        return map
    }()

    /// The stem of a word: irregular forms first, then the first and last steps of Porter's
    /// algorithm (plurals, -ed and -ing, a final -e). Short words are left as they are.
    static func stem(_ word: String) -> String {
        if let base = irregular[word] { return base == word ? word : stem(base) }
        guard word.utf8.count > 3, word.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return word }
        var w = Array(word.utf8)
        Porter.step1a(&w)
        Porter.step1b(&w)
        Porter.step1c(&w)
        Porter.step5(&w)
        return String(decoding: w, as: UTF8.self)
    }
}

/// Steps 1 and 5 of Porter's stemmer, on lower-case ASCII letters.
private enum Porter {
    static func isConsonant(_ w: [UInt8], _ i: Int) -> Bool {
        switch w[i] {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): return false
        case UInt8(ascii: "y"): return i == 0 ? true : !isConsonant(w, i - 1)
        default: return true
        }
    }

    /// The number of vowel-consonant sequences in `w[0..<end]`.
    static func measure(_ w: [UInt8], _ end: Int) -> Int {
        var m = 0
        var i = 0
        while i < end && isConsonant(w, i) { i += 1 }
        while i < end {
            while i < end && !isConsonant(w, i) { i += 1 }
            guard i < end else { break }
            while i < end && isConsonant(w, i) { i += 1 }
            m += 1
        }
        return m
    }

    static func hasVowel(_ w: [UInt8], _ end: Int) -> Bool {
        (0..<end).contains { !isConsonant(w, $0) }
    }

    static func endsWithDoubleConsonant(_ w: [UInt8], _ end: Int) -> Bool {
        end >= 2 && w[end - 1] == w[end - 2] && isConsonant(w, end - 1)
    }

    /// Consonant-vowel-consonant at the end, the last not w, x or y.
    static func endsCVC(_ w: [UInt8], _ end: Int) -> Bool {
        guard end >= 3, isConsonant(w, end - 3), !isConsonant(w, end - 2), isConsonant(w, end - 1) else { return false }
        return ![UInt8(ascii: "w"), UInt8(ascii: "x"), UInt8(ascii: "y")].contains(w[end - 1])
    }

    static func ends(_ w: [UInt8], _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard w.count >= n else { return false }
        return suffix.withUTF8Buffer { s in
            for k in 0..<n where w[w.count - n + k] != s[k] { return false }
            return true
        }
    }

    static func step1a(_ w: inout [UInt8]) {
        if ends(w, "sses") || ends(w, "ies") {
            w.removeLast(2)
        } else if ends(w, "ss") {
            return
        } else if ends(w, "s") && !ends(w, "us") && !ends(w, "is") {
            w.removeLast()
        }
    }

    static func step1b(_ w: inout [UInt8]) {
        if ends(w, "eed") {
            if measure(w, w.count - 3) > 0 { w.removeLast() }
            return
        }
        var removed = false
        for suffix: StaticString in ["ed", "ing"]
        where ends(w, suffix) && hasVowel(w, w.count - suffix.utf8CodeUnitCount) {
            w.removeLast(suffix.utf8CodeUnitCount)
            removed = true
            break
        }
        guard removed else { return }
        if ends(w, "at") || ends(w, "bl") || ends(w, "iz") {
            w.append(UInt8(ascii: "e"))
        } else if w.count >= 4, endsWithDoubleConsonant(w, w.count),
            ![UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "z")].contains(w[w.count - 1])
        {
            w.removeLast()
        } else if measure(w, w.count) == 1 && endsCVC(w, w.count) {
            w.append(UInt8(ascii: "e"))
        }
    }

    static func step1c(_ w: inout [UInt8]) {
        if ends(w, "y") && w.count > 2 && hasVowel(w, w.count - 1) { w[w.count - 1] = UInt8(ascii: "i") }
    }

    static func step5(_ w: inout [UInt8]) {
        if ends(w, "e") && w.count > 3 {
            let m = measure(w, w.count - 1)
            if m > 1 || (m == 1 && !endsCVC(w, w.count - 1)) { w.removeLast() }
        }
        if ends(w, "ll") && measure(w, w.count) > 1 { w.removeLast() }
    }
}

/// Key words people often misspell when writing about a crisis, and the nearest of them to a
/// typed word: one letter added, dropped, changed or two swapped (two slips in long words).
enum KeyWords {
    static let words = [
        "myself", "yourself", "himself", "herself", "themselves", "suicide", "suicidal", "overdose", "overdosed",
        "unalive", "unaliving", "hopeless", "worthless", "anymore", "wrists", "paracetamol", "girlfriend", "boyfriend",
        "husband", "suicidar", "suicidio", "suicidarme", "matarme", "morirme", "pastillas",
        "strangle", "burden", "threatens", "threatened", "abusing", "abused",
        "disappear", "antidepressants", "antidepressant", "tablets",
    ]

    /// Real words a slip away from a key word, which must stay themselves.
    static let ordinary: Set<String> = [
        "overdone", "overdoes", "overdo", "hoodless", "burdened", "killings", "cuttings", "hurtling", "husbandry",
        "garden", "bidden", "ridden", "hidden", "sudden", "warden", "harden", "burdens", "wrist", "writs", "abuses",
    ]

    private static let byLength: [Int: [String]] = Dictionary(grouping: words, by: \.count)

    static func nearest(to word: String) -> String? {
        let length = word.count
        guard length >= 5, !ordinary.contains(word), !words.contains(word) else { return nil }
        let allowed = length >= 8 ? 2 : 1
        for delta in [0, -1, 1, -2, 2] where abs(delta) <= allowed {
            for key in byLength[length + delta] ?? [] where distance(word, key, limit: allowed) <= allowed {
                return key
            }
        }
        return nil
    }

    /// Damerau-Levenshtein distance (optimal string alignment), stopping past `limit`.
    static func distance(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a.unicodeScalars)
        let y = Array(b.unicodeScalars)
        if abs(x.count - y.count) > limit { return limit + 1 }
        var previous2 = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            current[0] = i
            var rowBest = current[0]
            for j in 1...max(y.count, 1) where !y.isEmpty {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
                rowBest = min(rowBest, current[j])
            }
            if rowBest > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return x.isEmpty ? y.count : previous[y.count]
    }
}

extension String {
    /// Every occurrence of `target` replaced, without Foundation.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
