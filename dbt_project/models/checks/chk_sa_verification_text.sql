-- Stato di attuazione: each step's verification text is its own. A verifica copied word for
-- word from another step (the parser records which one) is reported as a warning.
with verifications as (
    select * from {{ ref('stg_sa_step_verifications') }} {{ where_touched() }}
),

final as (
    select
        'stato_attuazione' as suite,
        'sa_verification_text_not_copied' as check_name,
        document_id,
        'step ' || step_code || ' (line ' || source_line || ')' as subject_key,
        case
            when verification_same_text_as is null then 'own text'
            else 'same text as step ' || verification_same_text_as
        end as observed,
        'own text' as expected,
        case when verification_same_text_as is null then 0.0 else 1.0 end as difference,
        0.0 as tolerance,
        'warning' as severity,
        'A step''s verifica text is not a copy of another step''s' as description
    from verifications
    where verification is not null
)

select * from final
