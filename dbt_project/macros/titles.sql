{#- Indicator titles compared across plan editions: lower case, no accents, no punctuation,
    no Italian stop words; stems are the first 6 letters of each remaining word. -#}
{% macro title_stopwords() -%}
    ['a','ad','al','alla','alle','allo','agli','ai','all','anche','che','chi','con','col','da',
     'dal','dalla','dalle','dallo','dagli','dai','dall','dei','degli','del','della','delle',
     'dello','di','e','ed','entro','i','il','in','la','le','lo','nel','nella','nelle','nello',
     'negli','nei','nell','o','od','per','su','sul','sulla','sulle','sullo','sugli','sui','sull',
     'tra','fra','un','una','uno','gli','l','d','dell','n','almeno','anno','annuale']
{%- endmacro %}

{% macro title_words(name) -%}
    list_filter(
        string_split(trim(regexp_replace(lower(strip_accents(coalesce({{ name }}, ''))),
            '[^a-z0-9]+', ' ', 'g')), ' '),
        lambda w: length(w) > 1 and not list_contains({{ title_stopwords() }}, w)
    )
{%- endmacro %}
