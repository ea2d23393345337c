/// An arrangement's design choices along the essay's three elements (framework §2).
public struct Profile: Sendable, Hashable {
    /// Who takes part (§2).
    public var intergovernmental: IntergovernmentalProfile
    /// What counts as a result (§3).
    public var resultOrientation: ResultOrientationProfile
    /// How the parties work together (§4).
    public var collaboration: CollaborationProfile

    public init(
        intergovernmental: IntergovernmentalProfile,
        resultOrientation: ResultOrientationProfile,
        collaboration: CollaborationProfile
    ) {
        self.intergovernmental = intergovernmental
        self.resultOrientation = resultOrientation
        self.collaboration = collaboration
    }
}

/// Element "interbestuurlijk": the layers of government, societal parties and science (§2.1–2.3).
public struct IntergovernmentalProfile: Sendable, Hashable {
    public var rijk: Dimension<LayerPresence>
    public var province: Dimension<LayerPresence>
    public var municipality: Dimension<LayerPresence>
    public var waterBoard: Dimension<LayerPresence>
    public var ministries: Dimension<MinistryCount>
    public var partyDiversity: Dimension<PartyDiversity>
    public var sectorEmphasis: Dimension<SectorEmphasis>
    public var residents: Dimension<ResidentInvolvement>
    public var knowledgeInstitutions: Dimension<KnowledgeRole>

    public init(
        rijk: Dimension<LayerPresence>, province: Dimension<LayerPresence>,
        municipality: Dimension<LayerPresence>, waterBoard: Dimension<LayerPresence>,
        ministries: Dimension<MinistryCount>, partyDiversity: Dimension<PartyDiversity>,
        sectorEmphasis: Dimension<SectorEmphasis>, residents: Dimension<ResidentInvolvement>,
        knowledgeInstitutions: Dimension<KnowledgeRole>
    ) {
        self.rijk = rijk
        self.province = province
        self.municipality = municipality
        self.waterBoard = waterBoard
        self.ministries = ministries
        self.partyDiversity = partyDiversity
        self.sectorEmphasis = sectorEmphasis
        self.residents = residents
        self.knowledgeInstitutions = knowledgeInstitutions
    }
}

/// Element "resultaatgericht": goal, term, money and the concept of result (§3.1–3.3).
public struct ResultOrientationProfile: Sendable, Hashable {
    public var goal: Dimension<GoalWording>
    public var term: Dimension<Term>
    public var completion: Dimension<Completion>
    public var instrumentHorizon: Dimension<Horizon>
    public var effectHorizon: Dimension<Horizon>
    public var rijkFunding: Dimension<RijkFunding>
    public var cofinancing: Dimension<Cofinancing>
    public var maximumRijkShare: Dimension<Percentage>
    public var resultConcept: Dimension<ResultConcept>
    public var targetSetting: Dimension<TargetSetter>
    public var monitoring: Dimension<Monitoring>
    public var publicity: Dimension<Publicity>
    /// Lenses (§1.1, §1.2, §3.4).
    public var natureOfTask: Dimension<TaskNature>
    public var resultResponsibility: Dimension<ResultResponsibility>
    public var approach: Dimension<Approach>

    public init(
        goal: Dimension<GoalWording>, term: Dimension<Term>, completion: Dimension<Completion>,
        instrumentHorizon: Dimension<Horizon>, effectHorizon: Dimension<Horizon>,
        rijkFunding: Dimension<RijkFunding>, cofinancing: Dimension<Cofinancing>,
        maximumRijkShare: Dimension<Percentage>, resultConcept: Dimension<ResultConcept>,
        targetSetting: Dimension<TargetSetter>, monitoring: Dimension<Monitoring>,
        publicity: Dimension<Publicity>,
        natureOfTask: Dimension<TaskNature> = .notStated(reason: Lens.notYetCoded),
        resultResponsibility: Dimension<ResultResponsibility> = .notStated(reason: Lens.notYetCoded),
        approach: Dimension<Approach> = .notStated(reason: Lens.notYetCoded)
    ) {
        self.goal = goal
        self.term = term
        self.completion = completion
        self.instrumentHorizon = instrumentHorizon
        self.effectHorizon = effectHorizon
        self.rijkFunding = rijkFunding
        self.cofinancing = cofinancing
        self.maximumRijkShare = maximumRijkShare
        self.resultConcept = resultConcept
        self.targetSetting = targetSetting
        self.monitoring = monitoring
        self.publicity = publicity
        self.natureOfTask = natureOfTask
        self.resultResponsibility = resultResponsibility
        self.approach = approach
    }
}

/// Element "samenwerkend": composition, initiative and the Rijk's role (§4.1–4.3).
public struct CollaborationProfile: Sendable, Hashable {
    public var composition: Dimension<Composition>
    public var instrumentInitiative: Dimension<Initiator>
    public var proposalInitiative: Dimension<Initiator>
    public var rijkRoles: Dimension<RijkRole>
    public var dealmaker: Dimension<YesNo>
    public var mandatoryParticipation: Dimension<YesNo>
    /// Lenses (§1.2, §1.4, §2.2, §3.3, §4.3).
    public var preposition: Dimension<Preposition>
    public var organisationForm: Dimension<OrganisationForm>

    public init(
        composition: Dimension<Composition>, instrumentInitiative: Dimension<Initiator>,
        proposalInitiative: Dimension<Initiator>, rijkRoles: Dimension<RijkRole>,
        dealmaker: Dimension<YesNo>, mandatoryParticipation: Dimension<YesNo>,
        preposition: Dimension<Preposition> = .notStated(reason: Lens.notYetCoded),
        organisationForm: Dimension<OrganisationForm> = .notStated(reason: Lens.notYetCoded)
    ) {
        self.composition = composition
        self.instrumentInitiative = instrumentInitiative
        self.proposalInitiative = proposalInitiative
        self.rijkRoles = rijkRoles
        self.dealmaker = dealmaker
        self.mandatoryParticipation = mandatoryParticipation
        self.preposition = preposition
        self.organisationForm = organisationForm
    }
}
