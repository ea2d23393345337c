import Foundation

/// The namespaces of DCAT-AP-NL 3.0 that the catalogue uses.
enum DCATVocabulary {
    static let dcat = "http://www.w3.org/ns/dcat#"
    static let dct = "http://purl.org/dc/terms/"
    static let foaf = "http://xmlns.com/foaf/0.1/"
    static let vcard = "http://www.w3.org/2006/vcard/ns#"
    static let skos = "http://www.w3.org/2004/02/skos/core#"
    static let xsd = "http://www.w3.org/2001/XMLSchema#"

    static let prefixes: [(name: String, namespace: String)] = [
        ("dcat", dcat), ("dct", dct), ("foaf", foaf), ("vcard", vcard), ("skos", skos), ("xsd", xsd),
    ]

    static func dcat(_ name: String) -> RDFIRI { RDFIRI(dcat + name) }
    static func dct(_ name: String) -> RDFIRI { RDFIRI(dct + name) }
    static func foaf(_ name: String) -> RDFIRI { RDFIRI(foaf + name) }
    static func vcard(_ name: String) -> RDFIRI { RDFIRI(vcard + name) }
    static func skos(_ name: String) -> RDFIRI { RDFIRI(skos + name) }
    static func xsd(_ name: String) -> RDFIRI { RDFIRI(xsd + name) }
}

extension DCATCatalogue {
    /// The language of every text and of the data: Dutch, from the EU language table.
    static let dutch = RDFIRI("http://publications.europa.eu/resource/authority/language/NLD")

    /// The catalogue as RDF: every class and property DCAT-AP-NL 3.0 requires, and those it
    /// recommends where the installation knows the value. A value from a code list is typed in
    /// the graph (`dct:LinguisticSystem`, `skos:Concept`, …) as the profile's examples do, since
    /// the shapes check the class of a value in the graph itself.
    public func graph() -> RDFGraph {
        typealias V = DCATVocabulary
        var graph = RDFGraph(prefixes: V.prefixes)
        let catalogue = RDFSubject.iri(iri)
        func add(_ subject: RDFSubject, _ predicate: RDFIRI, _ object: RDFObject) {
            graph.add(subject, predicate, object)
        }
        func type(_ subject: RDFSubject, _ type: RDFIRI) { add(subject, RDFGraph.rdfType, .iri(type)) }
        func text(_ value: String) -> RDFObject { .literal(RDFLiteral(value, language: "nl")) }
        func plain(_ value: String) -> RDFObject { .literal(RDFLiteral(value)) }
        func date(_ value: Date) -> RDFObject {
            .literal(RDFLiteral(Self.dateTime(value), datatype: V.xsd("dateTime")))
        }
        func typed(_ value: RDFIRI, _ classes: RDFIRI...) -> RDFObject {
            for type in classes { graph.add(.iri(value), RDFGraph.rdfType, .iri(type)) }
            return .iri(value)
        }

        // Agents: an IRI when the operator gave one, a blank node otherwise.
        var agentNodes: [DCATAgent: RDFSubject] = [:]
        func agent(_ agent: DCATAgent) -> RDFObject {
            if let node = agentNodes[agent] { return RDFObject(node) }
            let node: RDFSubject = agent.iri.map { .iri($0) } ?? .blank("agent\(agentNodes.count + 1)")
            agentNodes[agent] = node
            type(node, V.foaf("Agent"))
            type(node, V.foaf("Organization"))
            add(node, V.foaf("name"), text(agent.name))
            if let homepage = agent.homepage { add(node, V.foaf("homepage"), typed(homepage, V.foaf("Document"))) }
            return RDFObject(node)
        }
        // The catalogue first, so that a reader of the document meets it first.
        type(catalogue, V.dcat("Catalog"))
        let contactNode = RDFSubject.blank("contact")
        type(contactNode, V.vcard("Kind"))
        type(contactNode, V.vcard("Organization"))
        add(contactNode, V.vcard("fn"), text(contact.name))
        if let email = contact.email { add(contactNode, V.vcard("hasEmail"), .iri(RDFIRI("mailto:" + email))) }
        add(contactNode, V.vcard("hasURL"), .iri(contact.page))
        let contactPoint = RDFObject(contactNode)
        let publisherNode = agent(publisher)
        let language = typed(Self.dutch, V.dct("LinguisticSystem"))
        let rights = typed(accessRights.iri, V.dct("RightsStatement"))
        func licence(_ licence: DCATLicence) -> RDFObject { typed(licence.iri, V.dct("LicenseDocument")) }
        func theme(_ theme: DCATTheme) -> RDFObject {
            graph.add(.iri(theme.iri), V.skos("prefLabel"), text(theme.label))
            return typed(theme.iri, V.skos("Concept"))
        }
        func standard(_ iri: RDFIRI) -> RDFObject { typed(iri, V.dct("Standard")) }

        add(catalogue, V.dct("title"), text(title))
        add(catalogue, V.dct("description"), text(description))
        add(catalogue, V.dct("publisher"), publisherNode)
        add(catalogue, V.dct("creator"), publisherNode)
        add(catalogue, V.dcat("contactPoint"), contactPoint)
        add(catalogue, V.foaf("homepage"), typed(homepage, V.foaf("Document")))
        add(catalogue, V.dct("language"), language)
        add(catalogue, V.dct("license"), licence(.cc0))
        if let modified { add(catalogue, V.dct("modified"), date(modified)) }

        let serviceNode = RDFSubject.iri(iri(of: service.key))
        for dataset in datasets {
            let node = RDFSubject.iri(iri(of: dataset.key))
            add(catalogue, V.dcat("dataset"), RDFObject(node))
            type(node, V.dcat("Dataset"))
            add(node, V.dct("identifier"), plain(iri(of: dataset.key).value))
            add(node, V.dct("title"), text(dataset.title))
            add(node, V.dct("description"), text(dataset.description))
            for keyword in dataset.keywords { add(node, V.dcat("keyword"), text(keyword)) }
            for item in dataset.themes { add(node, V.dcat("theme"), theme(item)) }
            add(node, V.dct("publisher"), publisherNode)
            add(node, V.dct("creator"), agent(dataset.creator ?? publisher))
            add(node, V.dcat("contactPoint"), contactPoint)
            add(node, V.dct("accessRights"), rights)
            add(node, V.dct("language"), language)
            add(node, V.dcat("landingPage"), typed(dataset.landingPage, V.foaf("Document")))
            add(node, V.foaf("page"), typed(service.documentation, V.foaf("Document")))
            if let standardIRI = dataset.conformsTo { add(node, V.dct("conformsTo"), standard(standardIRI)) }
            if let modified = dataset.modified { add(node, V.dct("modified"), date(modified)) }
            for distribution in dataset.distributions {
                let part = RDFSubject.iri(iri(of: distribution.key))
                add(node, V.dcat("distribution"), RDFObject(part))
                type(part, V.dcat("Distribution"))
                add(part, V.dct("title"), text(distribution.title))
                if let description = distribution.description { add(part, V.dct("description"), text(description)) }
                add(part, V.dcat("accessURL"), .iri(distribution.accessURL))
                if distribution.isDownload { add(part, V.dcat("downloadURL"), .iri(distribution.accessURL)) }
                if distribution.isAPI { add(part, V.dcat("accessService"), RDFObject(serviceNode)) }
                add(part, V.dct("format"), typed(distribution.format.fileTypeIRI, V.dct("MediaTypeOrExtent")))
                add(part, V.dcat("mediaType"), typed(distribution.format.mediaTypeIRI, V.dct("MediaType")))
                add(part, V.dct("license"), licence(distribution.licence))
                add(part, V.dct("language"), language)
                if let standardIRI = distribution.conformsTo ?? dataset.conformsTo {
                    add(part, V.dct("conformsTo"), standard(standardIRI))
                }
            }
        }

        add(catalogue, V.dcat("service"), RDFObject(serviceNode))
        type(serviceNode, V.dcat("DataService"))
        add(serviceNode, V.dct("identifier"), plain(iri(of: service.key).value))
        add(serviceNode, V.dct("title"), text(service.title))
        add(serviceNode, V.dct("description"), text(service.description))
        for keyword in service.keywords { add(serviceNode, V.dcat("keyword"), text(keyword)) }
        add(serviceNode, V.dcat("theme"), theme(.government))
        add(serviceNode, V.dcat("endpointURL"), .iri(service.endpointURL))
        add(serviceNode, V.dcat("endpointDescription"), .iri(service.endpointDescription))
        add(serviceNode, V.foaf("page"), typed(service.documentation, V.foaf("Document")))
        add(serviceNode, V.dcat("landingPage"), typed(service.documentation, V.foaf("Document")))
        add(serviceNode, V.dct("publisher"), publisherNode)
        add(serviceNode, V.dct("creator"), publisherNode)
        add(serviceNode, V.dcat("contactPoint"), contactPoint)
        add(serviceNode, V.dct("accessRights"), rights)
        add(serviceNode, V.dct("license"), licence(service.licence))
        add(serviceNode, V.dct("language"), language)
        if let standardIRI = service.conformsTo { add(serviceNode, V.dct("conformsTo"), standard(standardIRI)) }
        if let modified { add(serviceNode, V.dct("modified"), date(modified)) }
        for dataset in datasets where dataset.distributions.contains(where: \.isAPI) {
            add(serviceNode, V.dcat("servesDataset"), .iri(iri(of: dataset.key)))
        }
        return graph
    }

    /// `2026-03-01T12:00:00Z`: xsd:dateTime in UTC, to the second.
    static func dateTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year ?? 0, c.month ?? 1, c.day ?? 1, c.hour ?? 0,
            c.minute ?? 0, c.second ?? 0)
    }
}
